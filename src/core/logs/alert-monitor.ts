/** What the monitor reports when a source crosses the threshold. */
export interface AlertDecision {
  source: string;
  /** Errors from the source inside the window, this one included. */
  count: number;
  /** Time (ms since the epoch) of the oldest error counted. */
  windowStart: number;
  /** Time of the error that crossed the threshold. */
  at: number;
  lastMessage: string;
}

/** Escalation settings (the spec's `alert_threshold`, one hour by default). */
export interface AlertMonitorOptions {
  /** Errors from one source that raise an alert. Default 3. */
  threshold?: number;
  /** Length of the rolling window, in minutes. Default 60. */
  windowMinutes?: number;
}

interface SourceState {
  /** Times of recent errors, oldest first. */
  times: number[];
  lastAlertAt?: number;
}

/**
 * Alert escalation: `threshold` errors from the same source within a rolling
 * window raise one alert. After an alert the source stays quiet for a full
 * window, so the 4th and 5th error of the same burst do not alert again; once
 * the window has passed, every error it counted is older than the alert, so
 * a new alert needs the threshold to be reached anew.
 *
 * The state is in memory; `ErrorLog.init` rebuilds it from the log's last
 * window with {@link restoreError} and {@link restoreAlert} after a restart.
 */
export class AlertMonitor {
  readonly threshold: number;
  readonly windowMs: number;
  private readonly sources = new Map<string, SourceState>();

  constructor(options: AlertMonitorOptions = {}) {
    this.threshold = Math.max(1, Math.floor(options.threshold ?? 3));
    this.windowMs = Math.max(1, options.windowMinutes ?? 60) * 60_000;
  }

  /** Counts one error at time `at` (ms); returns the alert to raise, or null. */
  record(source: string, at: number, message: string): AlertDecision | null {
    const state = this.stateOf(source);
    insertSorted(state.times, at);
    this.prune(state, at);
    if (state.times.length < this.threshold) return null;
    if (state.lastAlertAt !== undefined && at - state.lastAlertAt < this.windowMs) return null;
    state.lastAlertAt = at;
    return { source, count: state.times.length, windowStart: state.times[0] ?? at, at, lastMessage: message };
  }

  /** Replays an error read back from the log, without deciding anything. */
  restoreError(source: string, at: number): void {
    insertSorted(this.stateOf(source).times, at);
  }

  /** Replays an alert read back from the log, so it is not raised a second time. */
  restoreAlert(source: string, at: number): void {
    const state = this.stateOf(source);
    if (state.lastAlertAt === undefined || at > state.lastAlertAt) state.lastAlertAt = at;
  }

  /** Errors from `source` counted in the window ending at `now`. */
  countFor(source: string, now: number): number {
    const state = this.sources.get(source);
    if (!state) return 0;
    this.prune(state, now);
    return state.times.length;
  }

  private stateOf(source: string): SourceState {
    let state = this.sources.get(source);
    if (!state) {
      state = { times: [] };
      this.sources.set(source, state);
    }
    return state;
  }

  /** Drops errors that have left the window ending at `now`; exactly one window old is out. */
  private prune(state: SourceState, now: number): void {
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < state.times.length && (state.times[drop] ?? Infinity) <= cutoff) drop += 1;
    if (drop > 0) state.times.splice(0, drop);
  }
}

function insertSorted(times: number[], at: number): void {
  let i = times.length;
  while (i > 0 && (times[i - 1] ?? -Infinity) > at) i -= 1;
  times.splice(i, 0, at);
}
