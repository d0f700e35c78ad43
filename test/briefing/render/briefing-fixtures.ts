/**
 * Hand-built briefing data for the golden-file tests: a normal week, an
 * empty week, a week with only expenses (in German and euros), and a week
 * whose finance and task sources both failed.
 */
import type { BriefingData, BriefingWeek, Compared, FinanceSection, TaskSection } from '../../../src/briefing/briefing-data';

const W08: BriefingWeek = { id: 'CEO-2026-W08', label: '2026-W08', year: 2026, week: 8, start: '2026-02-17', end: '2026-02-23' };

function compared(current: number, previous: number): Compared {
  const changePct = previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10;
  return { current, previous, changePct };
}

function base(overrides: Partial<BriefingData>): BriefingData {
  return {
    week: W08,
    generated: '2026-02-23T23:59:59Z',
    currency: 'USD',
    locale: 'en-US',
    executiveSummary: '',
    summaryBy: 'rules',
    finance: null,
    tasks: null,
    actionItems: [],
    insights: [],
    notes: [],
    ...overrides,
  };
}

function emptyFinance(currency: string): FinanceSection {
  return {
    currency,
    books: 'the vault ledger',
    revenue: { ...compared(0, 0), byClient: [], byProject: [], lines: [] },
    expenses: { ...compared(0, 0), byCategory: [] },
    profit: compared(0, 0),
    receivables: { total: 0, buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 }, previousTotal: 0, changePct: null },
    cash: compared(0, 0),
    monthToDate: { month: '2026-02', revenue: 0, target: null, pctOfTarget: null },
  };
}

function emptyTasks(): TaskSection {
  return {
    received: compared(0, 0),
    completed: compared(0, 0),
    pending: compared(0, 0),
    awaitingApproval: 0,
    averageDaysToComplete: null,
    backlogTrend: 'steady',
    bottlenecks: [],
  };
}

/** A full week: several clients and categories, bottlenecks, action items and insights. */
export function normalWeek(): BriefingData {
  return base({
    executiveSummary:
      'Strong week with revenue ahead of target. One bottleneck identified in client onboarding process.\n\n' +
      'Travel was a new cost this week; everything else stayed within last week’s spending.',
    summaryBy: 'llm:anthropic/claude-sonnet-4',
    finance: {
      currency: 'USD',
      books: 'the vault ledger',
      revenue: {
        ...compared(16250.5, 12000),
        byClient: [
          { name: 'Client ABC', amount: 10000 },
          { name: 'Client XYZ', amount: 5000 },
          { name: 'Northwind', amount: 1250.5 },
        ],
        byProject: [
          { name: 'Consulting', amount: 10000 },
          { name: 'Development', amount: 3500 },
          { name: 'Support', amount: 1500 },
          { name: '(no project)', amount: 1250.5 },
        ],
        lines: [
          { client: 'Client ABC', project: 'Consulting', amount: 10000 },
          { client: 'Client XYZ', project: 'Development', amount: 3000 },
          { client: 'Client XYZ', project: 'Support', amount: 2000 },
          { client: 'Northwind', project: '', amount: 1250.5 },
        ],
      },
      expenses: {
        ...compared(1062.4, 420),
        byCategory: [
          { name: 'Office Supplies', amount: 150, previous: 120, changePct: 25 },
          { name: 'Software Licenses', amount: 300, previous: 300, changePct: 0 },
          { name: 'Travel', amount: 612.4, previous: 0, changePct: null },
        ],
      },
      profit: compared(15188.1, 11580),
      receivables: {
        total: 12500,
        buckets: { current: 8000, '1-30': 3000, '31-60': 1500, '61-90': 0, '90+': 0 },
        previousTotal: 9000,
        changePct: 38.9,
      },
      cash: compared(42000, 38000),
      monthToDate: { month: '2026-02', revenue: 31250.5, target: 50000, pctOfTarget: 62.5 },
    },
    tasks: {
      received: compared(18, 14),
      completed: compared(15, 12),
      pending: compared(7, 5),
      awaitingApproval: 2,
      averageDaysToComplete: 1.4,
      backlogTrend: 'up',
      bottlenecks: [
        {
          task: 'Client Onboarding',
          path: 'Done/Client Onboarding.md',
          expectedDays: 2,
          actualDays: 5,
          delayDays: 3,
          rootCause: 'Waiting for client documents',
        },
        { task: 'Invoice | reconciliation', path: 'Done/Invoice reconciliation.md', expectedDays: 1, actualDays: 2.5, delayDays: 1.5, rootCause: '' },
      ],
    },
    actionItems: [
      { priority: 'medium', kind: 'alert', text: 'Schedule team meeting to review Q1 goals' },
      {
        priority: 'high',
        kind: 'overdue',
        text: 'Follow up with Client ABC on outstanding payment ($10,000 due in 7 days)',
        path: 'Accounting/Invoices/INV-0042.md',
      },
      { priority: 'low', kind: 'alert', text: 'Cancel the unused design-tool subscription ($49 a month)' },
    ],
    insights: [
      { kind: 'bottleneck', text: 'Automate client document collection to reduce onboarding delays' },
      { kind: 'expense-growth', text: 'Expenses rose 153% on last week, almost all of it travel ($612.40)' },
      { kind: 'target', text: 'Revenue is at 63% of the monthly target with a week of February left' },
    ],
  });
}

/** Nothing happened: every figure is zero and every list is empty. */
export function emptyWeek(): BriefingData {
  return base({
    executiveSummary: 'A quiet week: nothing was invoiced, spent or completed.',
    finance: emptyFinance('USD'),
    tasks: emptyTasks(),
  });
}

/** Only spending, a loss, in German euros. */
export function expensesOnlyWeek(): BriefingData {
  const finance = emptyFinance('EUR');
  return base({
    locale: 'de-DE',
    currency: 'EUR',
    executiveSummary: 'No revenue this week; rent and software were paid.',
    finance: {
      ...finance,
      revenue: { ...compared(0, 800), byClient: [], byProject: [], lines: [] },
      expenses: {
        ...compared(1734.56, 600),
        byCategory: [
          { name: 'Rent', amount: 1500, previous: 0, changePct: null },
          { name: 'Software', amount: 234.56, previous: 600, changePct: -60.9 },
        ],
      },
      profit: compared(-1734.56, 200),
      cash: compared(8265.44, 10000),
      receivables: { total: 800, buckets: { current: 0, '1-30': 800, '31-60': 0, '61-90': 0, '90+': 0 }, previousTotal: 800, changePct: 0 },
      monthToDate: { month: '2026-02', revenue: 4300, target: 12000, pctOfTarget: 35.8 },
    },
    tasks: { ...emptyTasks(), received: compared(3, 4), completed: compared(1, 4), pending: compared(6, 4), backlogTrend: 'up', averageDaysToComplete: 2 },
    actionItems: [{ priority: 'high', kind: 'overdue', text: 'Chase the 800 € invoice to Müller GmbH, now 12 days overdue', path: 'Accounting/Invoices/INV-0039.md' }],
  });
}

/** Both sources failed; each says why, and a note says what else went wrong. */
export function sourcesDownWeek(): BriefingData {
  return base({
    executiveSummary: 'The books and the task folders could not be read this week, so this briefing is short.',
    actionItems: [{ priority: 'high', kind: 'alert', text: 'Check the Odoo connection in the plugin settings' }],
    financeProblem: 'Odoo at https://erp.example.com did not answer (timed out after 30 s)',
    tasksProblem: 'could not read Needs_Action/ (permission denied)',
    notes: ['The LLM was not reachable, so the summary was written by rules.'],
  });
}
