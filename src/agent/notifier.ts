/**
 * How the employee gets the owner's attention: every notice is an audit line
 * (`agent.notify`, which the dashboard lists under "For your attention") and
 * an `agent.notification` event (the plugin shows it as a notice). An alert
 * is also an error-log entry, so it counts towards the error alerts.
 */
import type { EventBus } from '../core/event-bus';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';

export interface Notice {
  level: 'info' | 'alert';
  message: string;
  /** The task it is about, when there is one. */
  task?: string;
  /** For alerts: the kind, e.g. `TaskFailed`, `MaxIterationsExceeded`. */
  kind?: string;
}

export interface NotifierDeps {
  audit: AuditLogger;
  errors: ErrorLogger;
  bus: EventBus;
}

export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  async notify(notice: Notice): Promise<void> {
    const { audit, errors, bus } = this.deps;
    await audit.record({
      action: 'agent.notify',
      source: 'agent',
      status: 'success',
      agent: 'builtin_agent',
      details: { level: notice.level, message: notice.message, ...(notice.task ? { task: notice.task } : {}), ...(notice.kind ? { kind: notice.kind } : {}) },
    });
    if (notice.level === 'alert') {
      await errors.log({ source: 'agent', error: notice.kind ?? 'AgentAlert', severity: 'CRITICAL', message: notice.message, context: notice.task ? { task: notice.task } : {} });
    }
    bus.emit('agent.notification', { level: notice.level, message: notice.message, ...(notice.task ? { task: notice.task } : {}) });
  }
}
