import { AlertMonitor } from '../../../src/core/logs/alert-monitor';

const MIN = 60_000;

/** Feeds errors at the given minutes; returns the minutes at which an alert was raised. */
function alertsAt(monitor: AlertMonitor, minutes: number[], source = 'odoo'): number[] {
  return minutes.filter((m) => monitor.record(source, m * MIN, `error at ${m}`) !== null);
}

describe('AlertMonitor', () => {
  it('raises one alert for 3 errors within the hour, reporting count and window start', () => {
    const monitor = new AlertMonitor();
    expect(monitor.record('odoo', 0, 'a')).toBeNull();
    expect(monitor.record('odoo', 10 * MIN, 'b')).toBeNull();
    expect(monitor.record('odoo', 20 * MIN, 'c')).toEqual({ source: 'odoo', count: 3, windowStart: 0, at: 20 * MIN, lastMessage: 'c' });
  });

  it('does not alert for 3 errors spread over more than an hour', () => {
    expect(alertsAt(new AlertMonitor(), [0, 31, 62])).toEqual([]);
  });

  it('treats an error exactly one window old as outside the window', () => {
    expect(alertsAt(new AlertMonitor(), [0, 30, 60])).toEqual([]);
    expect(alertsAt(new AlertMonitor(), [0, 30, 59.99])).toEqual([59.99]);
  });

  it('raises once for 6 errors in the hour', () => {
    expect(alertsAt(new AlertMonitor(), [0, 5, 10, 15, 20, 25])).toEqual([10]);
  });

  it('raises again only after the window has passed and the threshold is reached anew', () => {
    const monitor = new AlertMonitor();
    expect(alertsAt(monitor, [0, 1, 2])).toEqual([2]);
    // Steady errors: each is within an hour of the alert, so they stay quiet.
    expect(alertsAt(monitor, [30, 50, 61])).toEqual([]);
    // 62 is a full window after the alert at 2, and 30, 50, 61, 62 are all in the window ending at 62.
    expect(alertsAt(monitor, [62])).toEqual([62]);
  });

  it('after a quiet spell, a new burst of 3 alerts again', () => {
    const monitor = new AlertMonitor();
    expect(alertsAt(monitor, [0, 1, 2, 3, 4])).toEqual([2]);
    expect(alertsAt(monitor, [70, 71])).toEqual([]);
    expect(alertsAt(monitor, [72])).toEqual([72]);
  });

  it('counts each source on its own', () => {
    const monitor = new AlertMonitor();
    monitor.record('odoo', 0, 'x');
    monitor.record('email', 1 * MIN, 'x');
    monitor.record('odoo', 2 * MIN, 'x');
    expect(monitor.record('email', 3 * MIN, 'x')).toBeNull();
    expect(monitor.record('odoo', 4 * MIN, 'x')?.source).toBe('odoo');
    expect(monitor.countFor('email', 4 * MIN)).toBe(2);
  });

  it('honours a custom threshold and window', () => {
    const monitor = new AlertMonitor({ threshold: 2, windowMinutes: 5 });
    expect(alertsAt(monitor, [0, 6, 12])).toEqual([]);
    expect(alertsAt(monitor, [13])).toEqual([13]);
  });

  it('restores errors and alerts replayed from the log', () => {
    const monitor = new AlertMonitor();
    monitor.restoreError('odoo', 0);
    monitor.restoreError('odoo', 5 * MIN);
    expect(monitor.record('odoo', 10 * MIN, 'third')?.count).toBe(3);

    const afterAlert = new AlertMonitor();
    for (const m of [0, 1, 2]) afterAlert.restoreError('odoo', m * MIN);
    afterAlert.restoreAlert('odoo', 2 * MIN);
    expect(afterAlert.record('odoo', 3 * MIN, 'fourth')).toBeNull();
  });
});
