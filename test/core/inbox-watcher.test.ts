import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InboxWatcher } from '../../src/core/inbox-watcher';
import { FsVault } from '../../src/vault/fs-vault';

const SETTLE_MS = 150;

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Batch {
  paths: string[];
  at: number;
}

describe('InboxWatcher on a real FsVault', () => {
  let dir: string;
  let vault: FsVault;
  let watcher: InboxWatcher | null;
  let batches: Batch[];
  let errors: unknown[];

  const write = (rel: string, content = `content of ${rel}`) => {
    const abs = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  };
  const delivered = () => batches.flatMap((b) => b.paths);

  /** Starts a watcher on Inbox; `onReady` defaults to recording the batch. */
  const startWatcher = (onReady?: (paths: string[]) => Promise<void>, settleMs = SETTLE_MS) => {
    watcher = new InboxWatcher({
      vault,
      inbox: 'Inbox',
      settleMs,
      onReady: async (paths) => {
        batches.push({ paths: [...paths], at: Date.now() });
        await onReady?.(paths);
      },
      onError: (error) => void errors.push(error),
    });
    watcher.start();
    return watcher;
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-watch-'));
    vault = new FsVault(dir);
    fs.mkdirSync(path.join(dir, 'Inbox'));
    watcher = null;
    batches = [];
    errors = [];
  });

  afterEach(async () => {
    await watcher?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hands a new file over once, only after settleMs of quiet', async () => {
    // A longer settle time here, so a busy machine pausing between writes does not look like quiet.
    const settleMs = 500;
    startWatcher(undefined, settleMs);
    await sleep(50);
    write('Inbox/note.md', 'first');
    let lastWrite = Date.now();
    // Keep changing it for longer than settleMs: it must not be handed over mid-way.
    for (let i = 0; i < 8; i++) {
      await sleep(settleMs / 8);
      fs.appendFileSync(path.join(dir, 'Inbox', 'note.md'), ` more ${i}`);
      lastWrite = Date.now();
    }
    await waitFor(() => batches.length > 0, 'the note to be handed over');
    await sleep(settleMs * 2);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.paths).toEqual(['Inbox/note.md']);
    // The settle timer starts at the watch event, which comes after the write, never before it.
    expect(batches[0]!.at - lastWrite).toBeGreaterThanOrEqual(settleMs - 5);
    expect(errors).toEqual([]);
  });

  it('ignores files in sub-folders and deletions, and files that were there before it started', async () => {
    write('Inbox/already-there.md');
    write('Inbox/to-delete.md');
    startWatcher();
    await sleep(100);
    write('Inbox/Sub/in-subfolder.md');
    write('Inbox/Sub/Deeper/deep.pdf');
    fs.rmSync(path.join(dir, 'Inbox', 'to-delete.md'));
    write('Outside/not-inbox.md');
    await sleep(SETTLE_MS * 2);
    // A sentinel written last: once it arrives, anything wrongly reported would have arrived too.
    write('Inbox/sentinel.md');
    await waitFor(() => delivered().includes('Inbox/sentinel.md'), 'the sentinel');
    await sleep(SETTLE_MS * 2);
    expect(delivered()).toEqual(['Inbox/sentinel.md']);
  });

  it('ignores dot-named files (temporary files, .DS_Store)', async () => {
    startWatcher();
    await sleep(50);
    write('Inbox/.DS_Store');
    write('Inbox/.note.md.abc123.tmp');
    write('Inbox/visible.md');
    await waitFor(() => delivered().includes('Inbox/visible.md'), 'the visible file');
    await sleep(SETTLE_MS * 2);
    expect(delivered()).toEqual(['Inbox/visible.md']);
  });

  it('takes a burst of 50 files across batches, each path exactly once, batches never overlapping', async () => {
    let running = 0;
    let maxRunning = 0;
    startWatcher(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      // Slow enough that more files settle while a batch runs.
      await sleep(120);
      running--;
    }, 50);
    await sleep(50);
    const names = Array.from({ length: 50 }, (_, i) => `Inbox/file-${String(i).padStart(2, '0')}.md`);
    for (const [i, name] of names.entries()) {
      write(name);
      // A little spread, like a sync tool writing files one after another.
      if (i % 10 === 9) await sleep(40);
    }
    await waitFor(() => new Set(delivered()).size === 50, 'all 50 files', 20_000);
    await watcher?.stop();

    expect(delivered().sort()).toEqual(names);
    expect(delivered()).toHaveLength(50);
    expect(batches.length).toBeGreaterThan(1);
    expect(maxRunning).toBe(1);
    expect(errors).toEqual([]);
  });

  it('reports a failing batch to onError and keeps handing over later files', async () => {
    let calls = 0;
    startWatcher(async () => {
      calls++;
      if (calls === 1) throw new Error('triage failed');
    });
    await sleep(50);
    write('Inbox/first.md');
    await waitFor(() => errors.length === 1, 'the error');
    write('Inbox/second.md');
    await waitFor(() => delivered().includes('Inbox/second.md'), 'the second file');
    expect((errors[0] as Error).message).toBe('triage failed');
  });

  it('keeps working when onError itself throws', async () => {
    let calls = 0;
    const seen: string[][] = [];
    watcher = new InboxWatcher({
      vault,
      inbox: 'Inbox',
      settleMs: SETTLE_MS,
      onReady: async (paths) => {
        seen.push(paths);
        calls++;
        if (calls === 1) throw new Error('triage failed');
      },
      onError: () => {
        throw new Error('the error log is broken too');
      },
    });
    watcher.start();
    await sleep(50);
    write('Inbox/first.md');
    await waitFor(() => seen.length === 1, 'the first batch');
    write('Inbox/second.md');
    await waitFor(() => seen.length === 2, 'the second batch');
    expect(seen).toEqual([['Inbox/first.md'], ['Inbox/second.md']]);
    await expect(watcher.stop()).resolves.toBeUndefined();
  });

  it('stop() resolves only after the batch in progress finishes, and nothing is handed over afterwards', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    startWatcher(async (paths) => {
      if (paths.includes('Inbox/slow.md')) {
        await held;
        finished = true;
      }
    });
    await sleep(50);
    write('Inbox/slow.md');
    await waitFor(() => batches.length === 1, 'the slow batch to start');
    // This one settles while the slow batch runs: it waits behind it and must not start after stop().
    write('Inbox/queued.md');
    await sleep(SETTLE_MS * 3);

    let stopped = false;
    const stopping = watcher!.stop().then(() => {
      stopped = true;
    });
    await sleep(100);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);

    write('Inbox/after-stop.md');
    await sleep(SETTLE_MS * 3);
    expect(delivered()).toEqual(['Inbox/slow.md']);
  });

  it('stop() resolves at once when idle, and cancels files still settling', async () => {
    startWatcher();
    await sleep(50);
    write('Inbox/settling.md');
    await sleep(20);
    const started = Date.now();
    await watcher!.stop();
    expect(Date.now() - started).toBeLessThan(SETTLE_MS);
    await sleep(SETTLE_MS * 3);
    expect(batches).toEqual([]);
  });
});
