import { isoWithOffset, ManualClock } from '../../../src/core/clock';
import { AuditLog } from '../../../src/core/logs/audit-log';
import { rotateLogs } from '../../../src/core/logs/log-rotation';
import type { AuditEntry, AuditInput } from '../../../src/core/logs/log-types';
import { REDACTED, SecretRegistry } from '../../../src/core/logs/redact';
import { TempVault } from './temp-vault';

const PATH = 'Logs/audit_log.jsonl';

describe('AuditLog', () => {
  let tmp: TempVault;
  let clock: ManualClock;
  let secrets: SecretRegistry;
  let audit: AuditLog;

  beforeEach(() => {
    tmp = new TempVault();
    clock = new ManualClock(new Date(2026, 1, 20, 10, 30, 0, 123));
    secrets = new SecretRegistry();
    audit = new AuditLog({ vault: tmp.vault, path: PATH, clock, secrets });
  });
  afterEach(() => tmp.cleanup());

  const entries = () => tmp.lines<AuditEntry>(PATH);
  const only = () => {
    const all = entries();
    expect(all).toHaveLength(1);
    return all[0] as AuditEntry;
  };

  it('writes the spec fields, in order, with defaults filled', async () => {
    await audit.record({ action: 'email.send', source: 'email', status: 'success' });
    expect(tmp.read(PATH)).toBe(
      `{"timestamp":"${isoWithOffset(clock.now())}","action":"email.send","source":"email","status":"success","duration_ms":0,"user":"system"}\n`,
    );
  });

  it('timestamps in ISO 8601 with a timezone offset, at the clock time', async () => {
    await audit.record({ action: 'a', source: 's', status: 'success' });
    const { timestamp } = only();
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(Date.parse(timestamp)).toBe(clock.now().getTime());
  });

  it('keeps the optional fields and a given user', async () => {
    await audit.record({
      action: 'odoo.invoice.create',
      source: 'skill',
      status: 'success',
      duration_ms: 1250,
      user: 'ann',
      agent: 'builtin_agent',
      skill: 'odoo_create_invoice',
      mcp_server: 'odoo-mcp',
      details: { invoice_id: 42 },
    });
    expect(only()).toMatchObject({
      user: 'ann',
      duration_ms: 1250,
      agent: 'builtin_agent',
      skill: 'odoo_create_invoice',
      mcp_server: 'odoo-mcp',
      details: { invoice_id: 42 },
    });
  });

  it.each([
    [12.6, 13],
    [0.4, 0],
    [-5, 0],
    [Number.NaN, 0],
    [Infinity, 0],
    ['17', 17],
    [undefined, 0],
  ])('duration %p is written as the non-negative integer %p', async (given, expected) => {
    await audit.record({ action: 'a', source: 's', status: 'success', duration_ms: given as number });
    expect(only().duration_ms).toBe(expected);
  });

  it.each(['success', 'failure', 'pending', 'skipped'] as const)('keeps the status %s', async (status) => {
    await audit.record({ action: 'a', source: 's', status, details: { error_message: 'x' } });
    expect(only().status).toBe(status);
  });

  it('maps common spellings of a status onto the spec values', async () => {
    await audit.record({ action: 'a', source: 's', status: 'OK' as never });
    await audit.record({ action: 'b', source: 's', status: 'failed' as never, details: { error_message: 'boom' } });
    expect(entries().map((e) => e.status)).toEqual(['success', 'failure']);
  });

  it('records an unknown status as a failure that says so, without throwing', async () => {
    await audit.record({ action: 'a', source: 's', status: 'banana' as never });
    const entry = only();
    expect(entry.status).toBe('failure');
    expect(entry.details).toEqual({
      original_status: 'banana',
      error_message: 'The action reported an unknown status (banana), so it is recorded as a failure.',
    });
  });

  it.each<[string, AuditInput['details'], string]>([
    ['an Error under details.error', { error: new Error('SMTP refused the login') }, 'SMTP refused the login'],
    ['a string under details.error', { error: 'Timeout after 30s', to: 'a@b.c' }, 'Timeout after 30s'],
    ['details.reason', { reason: 'Rate limit reached' }, 'Rate limit reached'],
    ['an Error-like error_message', { error_message: new Error('from object') }, 'from object'],
    ['nothing usable', { attempt: 2 }, 'unknown error'],
    ['no details at all', undefined, 'unknown error'],
  ])('adds error_message to a failure from %s', async (_label, details, expected) => {
    await audit.record({ action: 'a', source: 's', status: 'failure', ...(details ? { details } : {}) });
    expect(only().details?.error_message).toBe(expected);
  });

  it('keeps a given error_message', async () => {
    await audit.record({ action: 'a', source: 's', status: 'failure', details: { error_message: 'Card declined' } });
    expect(only().details).toEqual({ error_message: 'Card declined' });
  });

  it('redacts details: credential keys and registered secrets inside messages', async () => {
    secrets.add('odoo-api-key-777');
    await audit.record({
      action: 'odoo.connect',
      source: 'odoo',
      status: 'failure',
      details: {
        url: 'https://bob:pw@odoo.example.com',
        api_key: 'odoo-api-key-777',
        error: new Error('401 for key odoo-api-key-777'),
      },
    });
    const raw = tmp.read(PATH) ?? '';
    expect(raw).not.toContain('odoo-api-key-777');
    expect(only().details).toEqual({
      url: `https://bob:${REDACTED}@odoo.example.com`,
      api_key: REDACTED,
      error: { name: 'Error', message: `401 for key ${REDACTED}` },
      error_message: `401 for key ${REDACTED}`,
    });
  });

  it('fills missing action and source instead of throwing', async () => {
    await audit.record({} as AuditInput);
    expect(only()).toMatchObject({ action: 'unknown', source: 'unknown', status: 'failure', user: 'system' });
  });

  it('appends one line per record, never rewriting earlier lines', async () => {
    await audit.record({ action: 'first', source: 's', status: 'success' });
    const before = tmp.read(PATH) ?? '';
    clock.advanceMinutes(1);
    await Promise.all(['b', 'c', 'd'].map((action) => audit.record({ action, source: 's', status: 'success' })));
    const after = tmp.read(PATH) ?? '';
    expect(after.startsWith(before)).toBe(true);
    expect(entries().map((e) => e.action).sort()).toEqual(['b', 'c', 'd', 'first']);
  });

  it('never throws when the log cannot be written, and reports it', async () => {
    tmp.write(`${PATH}/blocker`, 'a folder now sits where the log should be');
    const failures: unknown[] = [];
    const blocked = new AuditLog({ vault: tmp.vault, path: PATH, clock, onWriteError: (e) => failures.push(e) });
    await expect(blocked.record({ action: 'a', source: 's', status: 'success' })).resolves.toBeUndefined();
    expect(failures).toHaveLength(1);
  });

  it('reads recent entries, across last week’s archive too', async () => {
    clock.set(new Date(2026, 1, 15, 20, 0)); // Sunday evening, 2026-W07
    await audit.record({ action: 'sunday', source: 's', status: 'success' });
    clock.set(new Date(2026, 1, 16, 8, 0)); // Monday morning, 2026-W08
    await audit.record({ action: 'monday', source: 's', status: 'success' });
    await rotateLogs({ vault: tmp.vault, logsFolder: 'Logs', archiveFolder: 'Logs/archive', clock });
    expect(tmp.lines<AuditEntry>(PATH).map((e) => e.action)).toEqual(['monday']);

    const lastDay = await audit.recent(24 * 3_600_000);
    expect(lastDay.map((e) => e.action)).toEqual(['sunday', 'monday']);
    expect((await audit.recent(3_600_000)).map((e) => e.action)).toEqual(['monday']);
  });
});
