import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import { EventBus } from '../../src/core/event-bus';
import { AuditLog } from '../../src/core/logs/audit-log';
import { ErrorLog } from '../../src/core/logs/error-log';
import type { AuditEntry, AuditLogger, ErrorEntry } from '../../src/core/logs/log-types';
import { FsVault } from '../../src/vault/fs-vault';
import { makeDeviceIdentity, RunnerLease, shouldRun, type DeviceIdentity } from '../../src/vault/runner-lease';
import { parseLease } from '../../src/vault/runner-lease-file';

const LEASE = 'Logs/state/runner_lease.json';

describe('RunnerLease', () => {
  let dir: string;
  let vault: FsVault;
  let clock: ManualClock;
  let audit: AuditLogger;
  let errors: ErrorLog;
  const laptop = makeDeviceIdentity('obsidian', 'laptop-id', { deviceName: 'Laptop' });
  const server = makeDeviceIdentity('daemon', 'server-id', { deviceName: 'Server', pid: 4242 });

  const leaseFor = (identity: DeviceIdentity, v: FsVault = vault, verifyDelayMs = 20) =>
    new RunnerLease({
      vault: v,
      path: LEASE,
      clock,
      identity,
      staleAfterSeconds: 120,
      heartbeatSeconds: 30,
      audit,
      errors,
      verifyDelayMs,
    });

  const readFile = () => fs.readFileSync(path.join(dir, ...LEASE.split('/')), 'utf8');
  const readJsonl = <T>(file: string): T[] => {
    const abs = path.join(dir, 'Logs', file);
    if (!fs.existsSync(abs)) return [];
    return fs.readFileSync(abs, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
  };
  const audits = () => readJsonl<AuditEntry>('audit_log.jsonl');
  const errorLines = () => readJsonl<ErrorEntry>('error_log.jsonl');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-lease-'));
    vault = new FsVault(dir);
    clock = new ManualClock('2026-02-20T10:00:00Z');
    audit = new AuditLog({ vault, path: 'Logs/audit_log.jsonl', clock });
    errors = new ErrorLog({ vault, path: 'Logs/error_log.jsonl', clock, bus: new EventBus() });
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('acquires a free lease and writes who holds it', async () => {
    const lease = leaseFor(laptop);
    const state = await lease.acquire();
    expect(state.held).toBe(true);
    expect(state.holder).toEqual(laptop);
    expect(lease.isHeldByUs()).toBe(true);

    const parsed = parseLease(readFile());
    if (parsed.status !== 'ok') throw new Error('lease file should parse');
    expect(parsed.record.holder).toEqual(laptop);
    expect(Date.parse(parsed.record.expiresAt) - Date.parse(parsed.record.heartbeatAt)).toBe(120_000);
    expect(audits().map((a) => a.action)).toEqual(['runner.lease.acquired']);
  });

  it('does not let a second runner take a fresh lease', async () => {
    await leaseFor(laptop).acquire();
    clock.advanceMs(60_000);
    const other = leaseFor(server);
    const state = await other.acquire();
    expect(state.held).toBe(false);
    expect(state.holder?.deviceName).toBe('Laptop');
    expect(other.isHeldByUs()).toBe(false);
    expect(parseLease(readFile())).toMatchObject({ status: 'ok', record: { holder: { deviceId: 'laptop-id' } } });
  });

  it('re-acquiring our own lease keeps it and its acquiredAt', async () => {
    const lease = leaseFor(laptop);
    const first = await lease.acquire();
    clock.advanceMs(10_000);
    const again = await lease.acquire();
    expect(again.held).toBe(true);
    expect(again.record?.acquiredAt).toBe(first.record?.acquiredAt);
    expect(again.record?.heartbeatAt).not.toBe(first.record?.heartbeatAt);
    // A restart (new instance, same stored device id) gets it back at once.
    const restarted = leaseFor(makeDeviceIdentity('obsidian', 'laptop-id', { deviceName: 'Laptop' }));
    expect((await restarted.acquire()).held).toBe(true);
  });

  it('takes over a stale lease and audits the previous holder', async () => {
    await leaseFor(laptop).acquire();
    clock.advanceMs(121_000);
    const other = leaseFor(server);
    const state = await other.acquire();
    expect(state.held).toBe(true);
    expect(state.holder?.deviceId).toBe('server-id');
    const takeover = audits().find((a) => a.action === 'runner.lease.takeover');
    expect(takeover?.details).toMatchObject({
      previousHolder: { deviceId: 'laptop-id', deviceName: 'Laptop', kind: 'obsidian' },
      staleAfterSeconds: 120,
    });
  });

  it('heartbeats keep the lease fresh so nobody can take it', async () => {
    const lease = leaseFor(laptop);
    await lease.acquire();
    for (let i = 0; i < 5; i++) {
      clock.advanceMs(60_000);
      expect((await lease.heartbeat()).held).toBe(true);
    }
    // Five minutes after acquiring, well past the stale time, but heartbeats kept it.
    expect((await leaseFor(server).acquire()).held).toBe(false);
    const info = await lease.current();
    expect(info).toMatchObject({ stale: false, heldByUs: true, holder: { deviceName: 'Laptop' } });
  });

  it('after a takeover the old holder loses the lease on heartbeat and never steals it back', async () => {
    const old = leaseFor(laptop);
    await old.acquire();
    clock.advanceMs(200_000);
    const fresh = leaseFor(server);
    expect((await fresh.acquire()).held).toBe(true);

    const beat = await old.heartbeat();
    expect(beat.held).toBe(false);
    expect(beat.holder?.deviceId).toBe('server-id');
    expect(old.isHeldByUs()).toBe(false);
    expect(audits().some((a) => a.action === 'runner.lease.lost')).toBe(true);

    expect((await old.acquire()).held).toBe(false);
    expect((await old.heartbeat()).held).toBe(false);
    expect(parseLease(readFile())).toMatchObject({ status: 'ok', record: { holder: { deviceId: 'server-id' } } });
    expect((await fresh.heartbeat()).held).toBe(true);
  });

  it('only the holder can release', async () => {
    const holder = leaseFor(laptop);
    const other = leaseFor(server);
    await holder.acquire();
    await other.acquire();
    expect(await other.release()).toBe(false);
    expect(fs.existsSync(path.join(dir, 'Logs', 'state', 'runner_lease.json'))).toBe(true);

    expect(await holder.release()).toBe(true);
    expect(fs.existsSync(path.join(dir, 'Logs', 'state', 'runner_lease.json'))).toBe(false);
    expect(holder.isHeldByUs()).toBe(false);
    expect(await holder.current()).toBeNull();
    // Now free: the other runner gets it immediately.
    expect((await other.acquire()).held).toBe(true);
  });

  it('treats a corrupt lease file as stale, replaces it and notes it in the error log', async () => {
    fs.mkdirSync(path.join(dir, 'Logs', 'state'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Logs', 'state', 'runner_lease.json'), '{"holder": nope');
    const lease = leaseFor(laptop);
    expect(await lease.current()).toBeNull();
    expect((await lease.acquire()).held).toBe(true);
    expect(parseLease(readFile()).status).toBe('ok');
    const logged = errorLines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ source: 'runner-lease', error: 'CorruptLease', severity: 'WARNING' });
    expect(logged[0]?.message).toContain('could not be read');
  });

  it('treats a lease with missing fields as corrupt', () => {
    expect(parseLease('{"holder":{"deviceId":"x"}}')).toMatchObject({ status: 'corrupt' });
    expect(parseLease('[]')).toMatchObject({ status: 'corrupt' });
  });

  it('two vault instances racing to acquire: exactly one holds', async () => {
    for (let round = 0; round < 5; round++) {
      fs.rmSync(path.join(dir, 'Logs'), { recursive: true, force: true });
      const a = leaseFor(laptop, new FsVault(dir), 100);
      const b = leaseFor(server, new FsVault(dir), 100);
      const [ra, rb] = await Promise.all([a.acquire(), b.acquire()]);
      expect([ra.held, rb.held].filter(Boolean)).toHaveLength(1);
      const winner = ra.held ? laptop : server;
      expect(ra.holder?.deviceId).toBe(winner.deviceId);
      expect(rb.holder?.deviceId).toBe(winner.deviceId);
    }
  });

  it('two vault instances racing to take over a stale lease: exactly one holds', async () => {
    const gone = makeDeviceIdentity('obsidian', 'gone-id', { deviceName: 'Old phone' });
    await leaseFor(gone).acquire();
    clock.advanceMs(600_000);
    // Takeover has no exclusive create to lean on: the read-back delay decides.
    const a = leaseFor(laptop, new FsVault(dir), 100);
    const b = leaseFor(server, new FsVault(dir), 100);
    const [ra, rb] = await Promise.all([a.acquire(), b.acquire()]);
    expect([ra.held, rb.held].filter(Boolean)).toHaveLength(1);
  });

  it('a second daemon process on the same device waits for the first', async () => {
    await leaseFor(server).acquire();
    const secondProcess = leaseFor({ ...server, pid: 9999 });
    expect((await secondProcess.acquire()).held).toBe(false);
  });

  it('keeps the heartbeat interval well below the stale time', () => {
    const lease = new RunnerLease({ vault, path: LEASE, clock, identity: laptop, staleAfterSeconds: 30, heartbeatSeconds: 60 });
    expect(lease.heartbeatIntervalMs).toBe(10_000);
    expect(leaseFor(laptop).heartbeatIntervalMs).toBe(30_000);
  });
});

describe('makeDeviceIdentity and shouldRun', () => {
  it('keeps a stored id and makes a random one otherwise', () => {
    expect(makeDeviceIdentity('daemon', 'abc', { deviceName: 'box', pid: 7 })).toEqual({
      deviceId: 'abc',
      deviceName: 'box',
      kind: 'daemon',
      pid: 7,
    });
    const a = makeDeviceIdentity('obsidian');
    const b = makeDeviceIdentity('obsidian', '  ');
    expect(a.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.deviceId).not.toBe(a.deviceId);
    expect(a.deviceName).toBe('Obsidian');
  });

  it('runs only with the switch on and the lease held', () => {
    expect(shouldRun({ deviceSwitchOn: true, lease: { held: true } })).toBe(true);
    expect(shouldRun({ deviceSwitchOn: false, lease: { held: true } })).toBe(false);
    expect(shouldRun({ deviceSwitchOn: true, lease: { held: false } })).toBe(false);
    expect(shouldRun({ deviceSwitchOn: true, lease: null })).toBe(false);
  });
});
