import type { Settings } from './settings';
import { joinVaultPath } from './paths';

/** Resolved vault paths for every folder and file the product uses. */
export interface VaultLayout {
  root: string;
  inbox: string;
  needsAction: string;
  plans: string;
  pendingApproval: string;
  approved: string;
  rejected: string;
  done: string;
  briefings: string;
  accounting: string;
  accountingInvoices: string;
  accountingExpenses: string;
  logs: string;
  logsArchive: string;
  quarantine: string;
  dashboard: string;
  handbook: string;
  businessGoals: string;
  briefingTemplate: string;
  /** Product state that is not for reading: run ledger, lease, triage index. */
  stateDir: string;
  auditLog: string;
  errorLog: string;
  ralphLog: string;
  runLedger: string;
  lease: string;
}

export function resolveLayout(settings: Settings): VaultLayout {
  const r = settings.rootFolder;
  const at = (p: string) => joinVaultPath(r, p);
  const f = settings.folders;
  const logs = at(f.logs);
  const stateDir = joinVaultPath(logs, 'state');
  return {
    root: r === '' ? '/' : joinVaultPath(r),
    inbox: at(f.inbox),
    needsAction: at(f.needsAction),
    plans: at(f.plans),
    pendingApproval: at(f.pendingApproval),
    approved: at(f.approved),
    rejected: at(f.rejected),
    done: at(f.done),
    briefings: at(f.briefings),
    accounting: at(f.accounting),
    accountingInvoices: joinVaultPath(at(f.accounting), 'Invoices'),
    accountingExpenses: joinVaultPath(at(f.accounting), 'Expenses'),
    logs,
    logsArchive: joinVaultPath(logs, 'archive'),
    quarantine: at(f.quarantine),
    dashboard: at(settings.files.dashboard),
    handbook: at(settings.files.handbook),
    businessGoals: at(settings.files.businessGoals),
    briefingTemplate: at(settings.files.briefingTemplate),
    stateDir,
    auditLog: joinVaultPath(logs, 'audit_log.jsonl'),
    errorLog: joinVaultPath(logs, 'error_log.jsonl'),
    ralphLog: joinVaultPath(logs, 'ralph_wiggum_log.jsonl'),
    runLedger: joinVaultPath(stateDir, 'run_ledger.json'),
    lease: joinVaultPath(stateDir, 'runner_lease.json'),
  };
}

/** The folders `init` creates, in order. */
export function layoutFolders(layout: VaultLayout): string[] {
  return [
    layout.inbox,
    layout.needsAction,
    layout.plans,
    layout.pendingApproval,
    layout.approved,
    layout.rejected,
    layout.done,
    layout.briefings,
    layout.accountingInvoices,
    layout.accountingExpenses,
    layout.logsArchive,
    layout.quarantine,
  ];
}
