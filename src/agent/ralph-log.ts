/**
 * `Logs/ralph_wiggum_log.jsonl`: one line per phase of every iteration, with
 * the spec's fields (timestamp, loop_id, iteration, phase, action, outcome,
 * next_phase, duration_ms). Append-only and redacted like the other logs.
 */
import { isoWithOffset, type Clock } from '../core/clock';
import { JsonlWriter } from '../core/logs/jsonl-log';
import { redactRecord, type SecretRegistry } from '../core/logs/redact';
import type { VaultPort } from '../vault/vault-port';

export const PHASES = ['READ', 'REASON', 'PLAN', 'ACT', 'CHECK'] as const;
export type Phase = (typeof PHASES)[number];

export interface RalphLogEntry {
  timestamp: string;
  loop_id: string;
  iteration: number;
  phase: Phase;
  action: string;
  outcome: string;
  next_phase: Phase | 'DONE' | 'PAUSE';
  duration_ms: number;
  task?: string;
}

export interface RalphLogOptions {
  vault: VaultPort;
  path: string;
  clock: Clock;
  secrets?: SecretRegistry;
  /** Told when a line cannot be written; logging never fails the loop. */
  onWriteError?: (error: unknown) => void;
}

export class RalphLog {
  private readonly writer: JsonlWriter;

  constructor(private readonly options: RalphLogOptions) {
    this.writer = new JsonlWriter(options.vault, options.path);
  }

  /** An entry stamped now, ready for {@link writeAll}. */
  line(entry: Omit<RalphLogEntry, 'timestamp'>): RalphLogEntry {
    return { timestamp: isoWithOffset(this.options.clock.now()), ...entry, duration_ms: Math.max(0, Math.round(entry.duration_ms)) };
  }

  /** Appends several lines in one write (an iteration's phases). */
  async writeAll(lines: RalphLogEntry[]): Promise<void> {
    if (lines.length === 0) return;
    try {
      await this.writer.appendMany(lines.map((l) => redactRecord(l as unknown as Record<string, unknown>, { secrets: this.options.secrets })));
    } catch (error) {
      this.options.onWriteError?.(error);
    }
  }
}
