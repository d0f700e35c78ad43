import { joinNote } from './frontmatter';
import { DASHBOARD_END_MARKER, DASHBOARD_START_MARKER } from './dashboard-markers';
import { HANDBOOK_DEFAULTS } from './handbook';

/** The first `Dashboard.md`: an intro the user may edit and an empty generated block. */
export function dashboardTemplate(createdIso: string): string {
  const body = [
    '# Dashboard',
    '',
    'This page is kept up to date by your AI employee: open tasks, items waiting for your approval,',
    'money in and out, and the latest weekly briefing.',
    '',
    'Everything between the two hidden markers below is rewritten on every refresh. Write your own',
    'notes above or below them and they will be left alone.',
    '',
    DASHBOARD_START_MARKER,
    '_Nothing to show yet: the dashboard fills in after the first run._',
    DASHBOARD_END_MARKER,
    '',
  ].join('\n');
  return joinNote({ type: 'dashboard', status: 'active', created: createdIso }, body);
}

/**
 * The first `Company_Handbook.md`. The frontmatter holds the thresholds the
 * agent obeys; the body explains each in plain words so the owner knows what
 * changing a number does.
 */
export function handbookTemplate(createdIso: string): string {
  const d = HANDBOOK_DEFAULTS;
  const body = [
    '# Company handbook',
    '',
    'These are the rules of engagement your AI employee follows. The numbers it obeys live in the',
    'properties at the top of this note: change a value there and the new rule applies from the next run.',
    'If a value is not valid, the employee keeps the default for that rule and says so in the error log.',
    '',
    '## Money',
    '',
    `- **approval_amount_threshold** (default ${d.approval_amount_threshold}): posting an invoice, or recording an expense, above`,
    '  this amount waits in `Pending_Approval/` until you approve it. Draft invoices are made without asking (a draft',
    '  goes nowhere), unless one is more than 1,000 times this amount. Set it to 0 to approve every amount yourself.',
    '- Posts for social networks always wait for your approval.',
    `- **currency** (default ${d.currency}): the three-letter code amounts are written in, such as USD, EUR or GBP.`,
    `- **payment_always_needs_approval** (default ${String(d.payment_always_needs_approval)}): when true, no payment is ever made`,
    '  without your approval, whatever the amount. Payments are never retried automatically.',
    `- **revenue_target_monthly** (default ${d.revenue_target_monthly}): the monthly revenue goal, used by the weekly CEO`,
    '  briefing when `Business_Goals.md` does not set one.',
    '',
    '## People',
    '',
    `- **new_contact_needs_approval** (default ${String(d.new_contact_needs_approval)}): when true, the first e-mail or message`,
    '  to someone who is not in `known_contacts` waits for your approval.',
    '- **known_contacts** (default: empty): e-mail addresses, phone numbers or names the employee may write to without',
    '  asking first, one per line, for example:',
    '',
    '  ```yaml',
    '  known_contacts:',
    '    - accounts@paper-supplies.example',
    '    - "+1 555 0100"',
    '  ```',
    '',
    '## Approvals and work',
    '',
    `- **approval_expiry_hours** (default ${d.approval_expiry_hours}): an approval request you have not answered after this many`,
    '  hours expires and nothing of it is done; its step is marked expired in the plan.',
    `- **max_iterations** (default ${d.max_iterations}): how many read-plan-act-check rounds the employee may spend on one task`,
    '  before it stops and asks you for help (between 1 and 10).',
    '',
    '## How to approve',
    '',
    'Open the request in `Pending_Approval/` and either set its `status` property to `approved`, or move the',
    'note to `Approved/`. To refuse, set `status: rejected` or move it to `Rejected/`.',
    '',
  ].join('\n');
  return joinNote({ type: 'handbook', status: 'active', created: createdIso, ...d, known_contacts: [] }, body);
}
