import { isoWithOffset, ManualClock } from '../../../src/core/clock';
import { EventBus } from '../../../src/core/event-bus';
import type { EventMap } from '../../../src/core/events';
import { ALERT_ERROR_KIND, ErrorLog } from '../../../src/core/logs/error-log';
import { rotateLogs } from '../../../src/core/logs/log-rotation';
import type { ErrorEntry, ErrorInput } from '../../../src/core/logs/log-types';
import { REDACTED, SecretRegistry } from '../../../src/core/logs/redact';
import { TempVault } from './temp-vault';

const PATH = 'Logs/error_log.jsonl';

class ConnectionTimeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionTimeout';
  }
}
class UnnamedError extends Error {}

describe('ErrorLog', () => {
  let tmp: TempVault;
  let clock: ManualClock;
  let bus: EventBus;
  let secrets: SecretRegistry;
  let logged: Array<EventMap['error.logged']>;
  let alerts: Array<EventMap['error.alert_triggered']>;

  const makeLog = (extra: Partial<ConstructorParameters<typeof ErrorLog>[0]> = {}) =>
    new ErrorLog({ vault: tmp.vault, path: PATH, clock, bus, secrets, ...extra });

  beforeEach(() => {
    tmp = new TempVault();
    clock = new ManualClock(new Date(2026, 1, 18, 9, 0)); // Wednesday, 2026-W08
    bus = new EventBus();
    secrets = new SecretRegistry();
    logged = [];
    alerts = [];
    bus.on('error.logged', (p) => void logged.push(p));
    bus.on('error.alert_triggered', (p) => void alerts.push(p));
  });
  afterEach(() => tmp.cleanup());

  const lines = () => tmp.lines<ErrorEntry>(PATH);
  const alertLines = () => lines().filter((l) => l.error === ALERT_ERROR_KIND);

  describe('entries', () => {
    it('writes the spec fields with defaults and announces error.logged', async () => {
      const log = makeLog();
      const entry = await log.log({
        source: 'odoo.invoices',
        error: new ConnectionTimeout('Failed to connect to Odoo server after 3 retries'),
        context: { host: 'odoo.example.com', timeout: 30 },
        retry_count: 3,
      });
      const expected: ErrorEntry = {
        ts: isoWithOffset(clock.now()),
        severity: 'ERROR',
        source: 'odoo.invoices',
        error: 'ConnectionTimeout',
        message: 'Failed to connect to Odoo server after 3 retries',
        context: { host: 'odoo.example.com', timeout: 30 },
        retry_count: 3,
        resolved: false,
      };
      expect(entry).toEqual(expected);
      expect(lines()).toEqual([expected]);
      expect(Object.keys(lines()[0] ?? {})).toEqual(['ts', 'severity', 'source', 'error', 'message', 'context', 'retry_count', 'resolved']);
      expect(entry.ts).toMatch(/[+-]\d\d:\d\d$/);
      expect(logged).toEqual([
        { source: 'odoo.invoices', severity: 'ERROR', error: 'ConnectionTimeout', message: 'Failed to connect to Odoo server after 3 retries' },
      ]);
    });

    it.each<[string, ErrorInput, Partial<ErrorEntry>]>([
      ['a built-in error', { source: 's', error: new TypeError('x is undefined') }, { error: 'TypeError', message: 'x is undefined' }],
      ['a subclass without a name', { source: 's', error: new UnnamedError('oops') }, { error: 'UnnamedError', message: 'oops' }],
      [
        'a Node error with a code',
        { source: 's', error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8069'), { code: 'ECONNREFUSED' }) },
        { error: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:8069' },
      ],
      ['a kind given as text', { source: 'vault', error: 'BadFrontmatter', message: 'Line 3: bad indent' }, { error: 'BadFrontmatter', message: 'Line 3: bad indent' }],
      ['a kind without a message', { source: 'vault', error: 'BadFrontmatter' }, { error: 'BadFrontmatter', message: 'BadFrontmatter' }],
      ['nothing usable', { source: '', error: undefined }, { source: 'unknown', error: 'UnknownError', message: 'No details were given.' }],
      [
        'severity, resolved and a messy retry count',
        { source: 's', error: 'X', severity: 'CRITICAL', resolved: true, retry_count: -2 },
        { severity: 'CRITICAL', resolved: true, retry_count: 0 },
      ],
      ['an unknown severity', { source: 's', error: 'X', severity: 'LOUD' as never }, { severity: 'ERROR' }],
    ])('from %s', async (_label, input, expected) => {
      expect(await makeLog().log(input)).toMatchObject(expected);
    });

    it('an explicit message wins over the error’s own', async () => {
      const entry = await makeLog().log({ source: 's', error: new Error('low-level'), message: 'Could not send the invoice e-mail' });
      expect(entry.message).toBe('Could not send the invoice e-mail');
    });

    it('keeps the error’s cause in the context', async () => {
      const entry = await makeLog().log({ source: 's', error: new Error('outer', { cause: new RangeError('inner') }) });
      expect(entry.context).toEqual({ cause: { name: 'RangeError', message: 'inner' } });
    });

    it('redacts the context, the message and registered secrets', async () => {
      secrets.add('sk-0123456789');
      const entry = await makeLog().log({
        source: 'llm',
        error: new Error('401: key sk-0123456789 rejected'),
        context: { apiKey: 'sk-0123456789', url: 'https://u:pw99@api.example.com', headers: { authorization: 'Bearer sk-0123456789' } },
      });
      expect(entry.message).toBe(`401: key ${REDACTED} rejected`);
      expect(entry.context).toEqual({ apiKey: REDACTED, url: `https://u:${REDACTED}@api.example.com`, headers: { authorization: REDACTED } });
      expect(tmp.read(PATH)).not.toContain('sk-0123456789');
      expect(JSON.stringify(logged)).not.toContain('sk-0123456789');
    });

    it('still writes a line when the details cannot be read', async () => {
      const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no peeking'); } });
      const entry = await makeLog().log({ source: 'mcp', error: 'X', context: hostile });
      expect(entry).toMatchObject({ source: 'mcp', error: 'UnreadableError', message: 'An error was reported but its details could not be read: no peeking' });
      expect(lines()).toHaveLength(1);
    });

    it('never throws when the log cannot be written, and still announces the error', async () => {
      tmp.write(`${PATH}/blocker`, 'a folder sits where the log should be');
      const failures: unknown[] = [];
      const entry = await makeLog({ onWriteError: (e) => failures.push(e) }).log({ source: 's', error: 'X' });
      expect(entry.error).toBe('X');
      expect(failures.length).toBeGreaterThan(0);
      expect(logged).toHaveLength(1);
    });
  });

  describe('alert escalation', () => {
    const logAt = async (log: ErrorLog, minutesFromNow: number, source = 'odoo', severity: ErrorInput['severity'] = 'ERROR') => {
      clock.advanceMinutes(minutesFromNow);
      await log.log({ source, error: 'ConnectionTimeout', message: `failed at ${clock.now().toISOString()}`, severity });
    };

    it('3 errors from one source within an hour raise exactly one alert, logged as a WARNING line', async () => {
      const log = makeLog();
      await logAt(log, 0);
      await logAt(log, 20);
      expect(alerts).toEqual([]);
      await logAt(log, 20);
      const lastMessage = `failed at ${clock.now().toISOString()}`;
      expect(alerts).toEqual([{ source: 'odoo', count: 3, windowStart: isoWithOffset(new Date(2026, 1, 18, 9, 0)), lastMessage }]);
      const [alertLine, ...rest] = alertLines();
      expect(rest).toEqual([]);
      expect(alertLine).toMatchObject({
        ts: isoWithOffset(clock.now()),
        severity: 'WARNING',
        source: 'odoo',
        error: 'AlertTriggered',
        message: `3 errors from odoo within 60 minutes. Latest: ${lastMessage}`,
        context: { count: 3, threshold: 3, window_minutes: 60, last_message: lastMessage },
      });
    });

    it('3 errors spread over more than an hour raise none', async () => {
      const log = makeLog();
      await logAt(log, 0);
      await logAt(log, 31);
      await logAt(log, 31);
      expect(alerts).toEqual([]);
      expect(alertLines()).toEqual([]);
    });

    it('6 errors within an hour raise one alert', async () => {
      const log = makeLog();
      for (let i = 0; i < 6; i++) await logAt(log, i === 0 ? 0 : 5);
      expect(alerts).toHaveLength(1);
      expect(alertLines()).toHaveLength(1);
    });

    it('after the window has passed, another 3 raise a second alert', async () => {
      const log = makeLog();
      for (let i = 0; i < 3; i++) await logAt(log, 1);
      await logAt(log, 65);
      await logAt(log, 1);
      expect(alerts).toHaveLength(1);
      await logAt(log, 1);
      expect(alerts).toHaveLength(2);
      expect(alerts[1]?.count).toBe(3);
    });

    it('counts only ERROR and CRITICAL, per source', async () => {
      const log = makeLog();
      await logAt(log, 0, 'odoo', 'WARNING');
      await logAt(log, 1, 'odoo', 'INFO');
      await logAt(log, 1, 'odoo', 'CRITICAL');
      await logAt(log, 1, 'email', 'ERROR');
      await logAt(log, 1, 'odoo', 'ERROR');
      expect(alerts).toEqual([]);
      await logAt(log, 1, 'odoo', 'ERROR');
      expect(alerts.map((a) => a.source)).toEqual(['odoo']);
    });

    it('survives a restart: 2 errors before and 1 after still alert', async () => {
      const before = makeLog();
      await logAt(before, 0);
      await logAt(before, 10);

      const after = makeLog({ bus });
      await after.init();
      await logAt(after, 10);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.count).toBe(3);
    });

    it('does not raise an alert twice across a restart', async () => {
      const before = makeLog();
      for (let i = 0; i < 3; i++) await logAt(before, 1);
      expect(alerts).toHaveLength(1);

      const after = makeLog();
      await logAt(after, 5); // log() initialises by itself when init() was not called
      await logAt(after, 5);
      expect(alerts).toHaveLength(1);
      expect(alertLines()).toHaveLength(1);
    });

    it('forgets errors older than the window when restarting', async () => {
      const before = makeLog();
      await logAt(before, 0);
      await logAt(before, 1);
      clock.advanceMinutes(90);
      const after = makeLog();
      await logAt(after, 0);
      expect(alerts).toEqual([]);
    });

    it('rebuilds from last week’s archive after a Monday-morning rotation', async () => {
      clock.set(new Date(2026, 1, 15, 23, 40)); // Sunday, 2026-W07
      const before = makeLog();
      await logAt(before, 0);
      await logAt(before, 10);
      clock.set(new Date(2026, 1, 16, 0, 5)); // Monday, 2026-W08
      const summary = await rotateLogs({ vault: tmp.vault, logsFolder: 'Logs', archiveFolder: 'Logs/archive', clock });
      expect(summary.archivedLines).toBe(2);

      const after = makeLog();
      await after.init();
      await logAt(after, 0);
      expect(alerts).toHaveLength(1);
    });

    it('honours a custom threshold and window', async () => {
      const log = makeLog({ alertThreshold: 2, alertWindowMinutes: 10 });
      await logAt(log, 0);
      await logAt(log, 11);
      expect(alerts).toEqual([]);
      await logAt(log, 1);
      expect(alerts).toHaveLength(1);
      expect(alertLines()[0]?.message).toMatch(/^2 errors from odoo within 10 minutes/);
    });
  });

  describe('recent', () => {
    it('returns the entries of the given period, oldest first', async () => {
      const log = makeLog();
      await log.log({ source: 'a', error: 'Old' });
      clock.advanceMinutes(60 * 30);
      await log.log({ source: 'b', error: 'Yesterday' });
      clock.advanceMinutes(60 * 20);
      await log.log({ source: 'c', error: 'Today', severity: 'WARNING' });
      await tmp.vault.append(PATH, 'not json\n{"no":"fields"}\n');
      const recent = await log.recent(24 * 3_600_000);
      expect(recent.map((e) => e.error)).toEqual(['Yesterday', 'Today']);
      expect(recent[1]).toMatchObject({ severity: 'WARNING', source: 'c', resolved: false, retry_count: 0 });
    });
  });

  describe('bus failures', () => {
    it('logs a failing handler with source event_bus and the event in the context', async () => {
      const log = makeLog();
      log.bindToBus(bus);
      bus.on('email.sent', () => {
        throw new Error('Dashboard note is locked');
      });
      bus.on('email.received', async () => {
        await Promise.resolve();
        throw new TypeError('bad subject');
      });
      bus.emit('email.sent', { to: 'a@b.c', subject: 'Hi' });
      bus.emit('email.received', { from: 'a@b.c', subject: 'Hi' });
      await bus.drain();
      await log.drain();
      const entries = lines();
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({
        source: 'event_bus',
        error: 'Error',
        message: 'Something went wrong while reacting to "email.sent": Dashboard note is locked',
        context: { event: 'email.sent' },
      });
      expect(entries[1]).toMatchObject({ source: 'event_bus', error: 'TypeError', context: { event: 'email.received' } });
    });

    it('a failing error.logged handler is logged once, not fed its own failure', async () => {
      const log = makeLog();
      log.bindToBus(bus);
      bus.on('error.logged', () => {
        throw new Error('notifier down');
      });
      await log.log({ source: 'odoo', error: 'ConnectionTimeout' });
      await bus.drain();
      await log.drain();
      expect(lines().map((l) => l.source)).toEqual(['odoo', 'event_bus']);
      expect(lines()[1]?.context).toEqual({ event: 'error.logged' });
    });

    it('repeated failures of the alert handler are logged but cannot loop', async () => {
      const log = makeLog();
      log.bindToBus(bus);
      bus.on('error.alert_triggered', () => {
        throw new Error('could not e-mail the CEO');
      });
      for (let i = 0; i < 3; i++) await log.log({ source: 'odoo', error: 'ConnectionTimeout' });
      await log.drain();
      // 3 errors, the alert line, and the failure of the alert handler.
      expect(lines().map((l) => `${l.source}:${l.error}`)).toEqual([
        'odoo:ConnectionTimeout',
        'odoo:ConnectionTimeout',
        'odoo:ConnectionTimeout',
        'odoo:AlertTriggered',
        'event_bus:Error',
      ]);
    });
  });
});
