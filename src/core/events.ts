/**
 * The event names of the specification and the payload each carries.
 * Adding an integration means adding its events here and subscribing to them,
 * never reaching into another module.
 */
export interface EventMap {
  'email.received': { from: string; subject: string; path?: string };
  'email.sent': { to: string; subject: string; messageId?: string };
  'email.send_failed': { to: string; subject: string; error: string };

  'social.draft.created': { platform: string; path: string };
  'social.post.ready': { platform: string; path: string };
  'social.post.success': { platform: string; postId: string; url?: string };
  'social.post.failed': { platform: string; error: string };

  'odoo.invoice.created': { invoiceId: string | number; number?: string; client: string; amount: number };
  'odoo.invoice.overdue': { invoiceId: string | number; number: string; client: string; daysOverdue: number; amount: number };
  'odoo.sync.complete': { pushed: number; pulled: number };
  'odoo.connection.failed': { url: string; error: string };

  'vault.task.new': { path: string; type: string };
  'vault.task.triaged': { taskPath: string; planPath: string; source: string; priority: string; triggerId: string };
  'vault.task.completed': { taskPath: string; planPath: string };

  'agent.notification': { level: 'info' | 'alert'; message: string; task?: string };
  'agent.loop.finished': { loopId: string; task: string; status: string; iterations: number; outcome: string };
  'approval.requested': { path: string; action: string; triggerId: string; expires: string };
  'approval.decided': { path: string; action: string; triggerId: string; decision: 'approved' | 'rejected' | 'expired' };

  'briefing.generated': { path: string; week: string };
  'briefing.failed': { week: string; error: string };

  'error.logged': { source: string; severity: string; error: string; message: string };
  'error.alert_triggered': { source: string; count: number; windowStart: string; lastMessage: string };

  'scheduler.job.finished': { job: string; status: 'success' | 'failure'; durationMs: number };
  'dashboard.refreshed': { path: string };
}

export type EventName = keyof EventMap;
