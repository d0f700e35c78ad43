/** One line of `Logs/audit_log.jsonl` (spec: Audit Log Entry). */
export interface AuditEntry {
  /** ISO 8601 with timezone. */
  timestamp: string;
  action: string;
  source: string;
  status: AuditStatus;
  duration_ms: number;
  user: string;
  agent?: string;
  skill?: string;
  mcp_server?: string;
  details?: Record<string, unknown>;
}

export type AuditStatus = 'success' | 'failure' | 'pending' | 'skipped';

/** What a caller passes; the log fills in timestamp, user and duration defaults. */
export type AuditInput = Omit<AuditEntry, 'timestamp' | 'user' | 'duration_ms'> & {
  user?: string;
  duration_ms?: number;
};

export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** One line of `Logs/error_log.jsonl` (spec: error log format). */
export interface ErrorEntry {
  /** ISO 8601 with timezone. */
  ts: string;
  severity: Severity;
  source: string;
  /** The error's kind, e.g. `ConnectionTimeout`, `BadFrontmatter`. */
  error: string;
  message: string;
  context: Record<string, unknown>;
  retry_count: number;
  resolved: boolean;
}

export interface ErrorInput {
  source: string;
  /** An Error (its name and message are used) or the kind as a string. */
  error: unknown;
  message?: string;
  severity?: Severity;
  context?: Record<string, unknown>;
  retry_count?: number;
  resolved?: boolean;
}

/**
 * The audit trail as the rest of the product sees it. `record` never throws:
 * a log that cannot be written must not fail the action it records, so
 * callers need no guard of their own.
 */
export interface AuditLogger {
  record(entry: AuditInput): Promise<void>;
}

/** The error log as the rest of the product sees it. `log` never throws, for the same reason. */
export interface ErrorLogger {
  log(input: ErrorInput): Promise<ErrorEntry>;
}
