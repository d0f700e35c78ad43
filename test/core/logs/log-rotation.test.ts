import { isoWithOffset, ManualClock } from '../../../src/core/clock';
import { isoWeekEnd } from '../../../src/core/iso-week';
import { JsonlWriter } from '../../../src/core/logs/jsonl-log';
import { rotateLogs, type RotateLogsOptions } from '../../../src/core/logs/log-rotation';
import { FsVault } from '../../../src/vault/fs-vault';
import { TempVault } from './temp-vault';

const AUDIT = 'Logs/audit_log.jsonl';
const ERRORS = 'Logs/error_log.jsonl';
const ARCHIVE = 'Logs/archive';
const DAY = 86_400_000;

/** Local times: ISO weeks are read in local time. */
const at = (y: number, m: number, d: number, h = 12, min = 0, s = 0, ms = 0) => new Date(y, m - 1, d, h, min, s, ms);
const auditLine = (when: Date, action: string) => JSON.stringify({ timestamp: isoWithOffset(when), action, status: 'success' });
const errorLine = (when: Date, error: string) => JSON.stringify({ ts: isoWithOffset(when), severity: 'ERROR', source: 's', error });
const file = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

/** Fails the rewrite of the live files, as a crash between the two steps would. */
class CrashBeforeRewrite extends FsVault {
  override process(): Promise<string> {
    return Promise.reject(new Error('simulated crash'));
  }
}

/** Fails the archive append whose path contains `failOn`, as a crash part-way through would. */
class CrashOnArchive extends FsVault {
  constructor(base: string, private readonly failOn: string) {
    super(base);
  }
  override append(path: string, content: string): Promise<void> {
    return path.includes(this.failOn) ? Promise.reject(new Error('simulated crash')) : super.append(path, content);
  }
}

/** Runs `hook` once, right after the first archive append: the moment between reading and rewriting a live file. */
class HookAfterArchive extends FsVault {
  hook: (() => Promise<void>) | undefined;
  override async append(path: string, content: string): Promise<void> {
    await super.append(path, content);
    const hook = this.hook;
    if (path.startsWith(ARCHIVE) && hook) {
      this.hook = undefined;
      await hook();
    }
  }
}

describe('rotateLogs', () => {
  let tmp: TempVault;
  let clock: ManualClock;

  beforeEach(() => {
    tmp = new TempVault();
    clock = new ManualClock(at(2026, 2, 18, 10)); // Wednesday, 2026-W08
  });
  afterEach(() => tmp.cleanup());

  const rotate = (extra: Partial<RotateLogsOptions> = {}) =>
    rotateLogs({ vault: tmp.vault, logsFolder: 'Logs', archiveFolder: ARCHIVE, clock, ...extra });

  describe('weekly rotation', () => {
    const w06 = auditLine(at(2026, 2, 3), 'w06');
    const w07mon = auditLine(at(2026, 2, 9, 0, 0), 'w07-monday-midnight');
    const w07sun = auditLine(at(2026, 2, 15, 23, 59, 59, 999), 'w07-sunday-last-ms');
    const w07odd = `{ "timestamp" : "${isoWithOffset(at(2026, 2, 12))}" ,"action":"odd spacing",  "n": 1.50 }`;
    const w08 = auditLine(at(2026, 2, 16, 0, 0), 'w08-monday-midnight');
    const noTime = '{"action":"written by hand"}';
    const badTime = '{"timestamp":"last tuesday","action":"x"}';
    const garbage = 'this is not json';

    beforeEach(() => {
      tmp.write(AUDIT, file(w06, w07mon, noTime, w07odd, garbage, w08, w07sun, badTime));
      tmp.write(ERRORS, file(errorLine(at(2026, 2, 10), 'Old'), errorLine(at(2026, 2, 17), 'New')));
      tmp.write('Logs/ralph_wiggum_log.jsonl', file('{"timestamp":"2026-02-10T10:30:00Z","loop_id":"r1","phase":"READ"}'));
      tmp.write('Logs/notes.md', 'not a log\n');
      tmp.write('Logs/state/run_ledger.json', '{"timestamp":"2026-01-01T00:00:00Z"}\n');
    });

    it('moves last weeks’ lines, byte for byte, into one archive per week and keeps the rest in order', async () => {
      const summary = await rotate();
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W06.jsonl`)).toBe(file(w06));
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(w07mon, w07odd, w07sun));
      expect(tmp.read(AUDIT)).toBe(file(noTime, garbage, w08, badTime));
      expect(tmp.lines(`${ARCHIVE}/error_log-2026-W07.jsonl`)).toMatchObject([{ error: 'Old' }]);
      expect(tmp.lines(ERRORS)).toMatchObject([{ error: 'New' }]);
      expect(tmp.read('Logs/ralph_wiggum_log.jsonl')).toBe('');
      expect(tmp.files(ARCHIVE)).toEqual([
        'audit_log-2026-W06.jsonl',
        'audit_log-2026-W07.jsonl',
        'error_log-2026-W07.jsonl',
        'ralph_wiggum_log-2026-W07.jsonl',
      ]);
      expect(tmp.read('Logs/notes.md')).toBe('not a log\n');
      expect(tmp.read('Logs/state/run_ledger.json')).toBe('{"timestamp":"2026-01-01T00:00:00Z"}\n');
      expect(summary).toEqual({ archivedLines: 6, filesWritten: 4, deletedArchives: 0 });
    });

    it('is idempotent: a second run changes nothing', async () => {
      await rotate();
      const snapshot = [AUDIT, ERRORS, ...tmp.files(ARCHIVE).map((n) => `${ARCHIVE}/${n}`)].map((p) => tmp.read(p));
      expect(await rotate()).toEqual({ archivedLines: 0, filesWritten: 0, deletedArchives: 0 });
      expect([AUDIT, ERRORS, ...tmp.files(ARCHIVE).map((n) => `${ARCHIVE}/${n}`)].map((p) => tmp.read(p))).toEqual(snapshot);
    });

    it('after a crash between archiving and rewriting, a re-run does not duplicate lines', async () => {
      await expect(rotate({ vault: new CrashBeforeRewrite(tmp.dir) })).rejects.toThrow('simulated crash');
      // Nothing lost: the lines are in both places.
      expect(tmp.read(AUDIT)).toContain(w07mon);
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(w07mon, w07odd, w07sun));

      const summary = await rotate();
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(w07mon, w07odd, w07sun));
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W06.jsonl`)).toBe(file(w06));
      expect(tmp.read(AUDIT)).toBe(file(noTime, garbage, w08, badTime));
      // The crash stopped the first run at audit_log; error_log and ralph_wiggum_log are archived now.
      expect(summary).toEqual({ archivedLines: 6, filesWritten: 2, deletedArchives: 0 });
    });

    it('after a crash part-way through the archives, a re-run completes without duplicates', async () => {
      await expect(rotate({ vault: new CrashOnArchive(tmp.dir, 'audit_log-2026-W07') })).rejects.toThrow('simulated crash');
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W06.jsonl`)).toBe(file(w06));
      await rotate();
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W06.jsonl`)).toBe(file(w06));
      expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(w07mon, w07odd, w07sun));
      expect(tmp.read(AUDIT)).toBe(file(noTime, garbage, w08, badTime));
    });
  });

  it('appends to an existing archive, starting a fresh line if its last one was unterminated', async () => {
    const earlier = auditLine(at(2026, 2, 9, 8), 'archived earlier');
    const later = auditLine(at(2026, 2, 14), 'arrived late');
    tmp.write(`${ARCHIVE}/audit_log-2026-W07.jsonl`, earlier);
    tmp.write(AUDIT, file(later));
    await rotate();
    expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(earlier, later));
    expect(tmp.read(AUDIT)).toBe('');
  });

  it('moves identical lines as many times as they occur, also after a crash', async () => {
    const same = auditLine(at(2026, 2, 10), 'twice in the same millisecond');
    tmp.write(AUDIT, file(same, same));
    await expect(rotate({ vault: new CrashBeforeRewrite(tmp.dir) })).rejects.toThrow();
    await rotate();
    expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(same, same));
    expect(tmp.read(AUDIT)).toBe('');
  });

  it('keeps a last line that is still being written, and lines dated in the future', async () => {
    const future = auditLine(at(2026, 3, 2), 'scheduled');
    const partial = `{"timestamp":"${isoWithOffset(at(2026, 2, 10))}","action":"half`;
    tmp.write(AUDIT, `${file(auditLine(at(2026, 2, 10), 'old'), future)}${partial}`);
    await rotate();
    expect(tmp.read(AUDIT)).toBe(`${file(future)}${partial}`);
  });

  it('keeps a line appended between reading and rewriting the live file', async () => {
    const vault = new HookAfterArchive(tmp.dir);
    const fresh = auditLine(at(2026, 2, 18, 10), 'appended during rotation');
    const stale = auditLine(at(2026, 2, 10), 'old');
    tmp.write(AUDIT, file(stale));
    vault.hook = () => vault.append(AUDIT, file(fresh));
    await rotate({ vault });
    expect(tmp.read(AUDIT)).toBe(file(fresh));
    expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(stale));
  });

  it('loses none of many lines appended concurrently with a rotation', async () => {
    const old = Array.from({ length: 200 }, (_, i) => auditLine(at(2026, 2, 10, 0, 0, i), `old-${i}`));
    tmp.write(AUDIT, file(...old));
    const writer = new JsonlWriter(tmp.vault, AUDIT);
    const appends = Array.from({ length: 100 }, (_, i) => writer.append({ timestamp: isoWithOffset(clock.now()), action: `new-${i}` }));
    await Promise.all([rotate(), ...appends]);
    const live = tmp.lines<{ action: string }>(AUDIT).map((l) => l.action);
    expect(live.sort()).toEqual(Array.from({ length: 100 }, (_, i) => `new-${i}`).sort());
    expect(tmp.read(`${ARCHIVE}/audit_log-2026-W07.jsonl`)).toBe(file(...old));
  });

  it('names archives by ISO week across the year boundary (2026-W53, 2027-W01)', async () => {
    const lines = {
      w01of2026: auditLine(at(2025, 12, 29), 'Monday 29 Dec 2025 is 2026-W01'),
      w52: auditLine(at(2026, 12, 27), 'Sunday 27 Dec'),
      w53a: auditLine(at(2026, 12, 28, 0, 0), 'Monday 28 Dec'),
      w53b: auditLine(at(2026, 12, 31), 'Thursday 31 Dec'),
      w53c: auditLine(at(2027, 1, 3, 23, 59), 'Sunday 3 Jan 2027'),
      w01: auditLine(at(2027, 1, 4, 0, 0), 'Monday 4 Jan 2027'),
    };
    tmp.write(AUDIT, file(...Object.values(lines)));
    clock.set(at(2027, 1, 6)); // Wednesday, 2027-W01
    await rotate({ retentionDays: 3650 }); // 2026-W01 is past the default 90 days
    expect(tmp.files(ARCHIVE)).toEqual(['audit_log-2026-W01.jsonl', 'audit_log-2026-W52.jsonl', 'audit_log-2026-W53.jsonl']);
    expect(tmp.read(`${ARCHIVE}/audit_log-2026-W53.jsonl`)).toBe(file(lines.w53a, lines.w53b, lines.w53c));
    expect(tmp.read(AUDIT)).toBe(file(lines.w01));

    clock.set(at(2027, 1, 12)); // 2027-W02
    await rotate();
    expect(tmp.read(`${ARCHIVE}/audit_log-2027-W01.jsonl`)).toBe(file(lines.w01));
    expect(tmp.read(AUDIT)).toBe('');
  });

  describe('retention', () => {
    const W07 = `${ARCHIVE}/audit_log-2026-W07.jsonl`;
    const W06 = `${ARCHIVE}/error_log-2026-W06.jsonl`;
    const W08 = `${ARCHIVE}/audit_log-2026-W08.jsonl`;
    /** Monday 16 Feb 2026 00:00 local: the first instant after 2026-W07. */
    const w07End = isoWeekEnd(2026, 7).getTime();

    beforeEach(() => {
      for (const p of [W07, W06, W08]) tmp.write(p, '{"timestamp":"x"}\n');
      tmp.write(`${ARCHIVE}/readme.md`, 'keep me');
      tmp.write(`${ARCHIVE}/custom-2025-W53.jsonl`, 'not a week that exists\n');
    });

    const remaining = () => tmp.files(ARCHIVE);

    it('keeps an archive whose week ended 89 days ago', async () => {
      clock.set(w07End + 89 * DAY);
      await rotate();
      expect(remaining()).toContain('audit_log-2026-W07.jsonl');
    });

    it('keeps it up to exactly 90 days after the week’s last instant', async () => {
      clock.set(w07End - 1 + 90 * DAY);
      const summary = await rotate();
      expect(remaining()).toContain('audit_log-2026-W07.jsonl');
      expect(remaining()).not.toContain('error_log-2026-W06.jsonl');
      expect(summary.deletedArchives).toBe(1);
    });

    it('deletes it once its newest possible line is more than 90 days old', async () => {
      clock.set(w07End + 90 * DAY);
      const newestPossibleLine = w07End - 1;
      expect(clock.now().getTime() - newestPossibleLine).toBeGreaterThan(90 * DAY);
      const summary = await rotate();
      expect(remaining()).toEqual(['audit_log-2026-W08.jsonl', 'custom-2025-W53.jsonl', 'readme.md']);
      expect(summary.deletedArchives).toBe(2);
    });

    it('deletes archives far past retention and honours a custom period', async () => {
      clock.set(w07End + 8 * DAY);
      await rotate({ retentionDays: 7 });
      expect(remaining()).toEqual(['audit_log-2026-W08.jsonl', 'custom-2025-W53.jsonl', 'readme.md']);
    });

    it('keeps the archive that rotation has just added to', async () => {
      clock.set(at(2026, 2, 18));
      tmp.write(AUDIT, file(auditLine(at(2026, 2, 12), 'last week')));
      await rotate();
      expect(tmp.read(W07)).toBe(file('{"timestamp":"x"}', auditLine(at(2026, 2, 12), 'last week')));
    });
  });
});
