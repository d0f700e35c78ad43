import * as fs from 'node:fs';
import { PDF_BYTES, TriageHarness } from './triage-harness';

const NOTE = '---\ntype: whatsapp\nfrom: Sam\nreceived: 2026-02-20T09:00:00Z\n---\nCan we meet on Friday?\n';

describe('Triage never makes a task twice', () => {
  let h: TriageHarness;

  beforeEach(async () => {
    h = new TriageHarness();
    await h.init();
  });
  afterEach(() => h.cleanup());

  it('a second run over the same vault changes nothing', async () => {
    h.drop('sam.md', NOTE);
    h.drop('receipt.pdf', PDF_BYTES);
    const first = await h.triage.triageInbox();
    expect(first.triaged).toHaveLength(2);
    const before = [h.files('Needs_Action'), h.files('Plans'), h.files('Needs_Action/attachments')];

    const second = await h.newTriage().triageInbox();
    expect(second).toEqual({ triaged: [], duplicates: [], quarantined: [], skipped: [], failed: [] });
    expect([h.files('Needs_Action'), h.files('Plans'), h.files('Needs_Action/attachments')]).toEqual(before);
  });

  it('recognises a re-dropped item even after the triage index is deleted', async () => {
    h.drop('sam.md', NOTE);
    h.drop('receipt.pdf', PDF_BYTES);
    const first = await h.triage.triageInbox();
    fs.rmSync(h.abs('Logs/state/triage_index.jsonl'));

    // The same files arrive again (a sync tool restoring them, a second download).
    h.drop('sam.md', NOTE);
    h.drop('receipt.pdf', PDF_BYTES);
    const again = await h.newTriage().triageInbox();

    expect(again.triaged).toEqual([]);
    expect(again.duplicates.map((d) => d.duplicateOf).sort()).toEqual(first.triaged.map((t) => t.task).sort());
    expect(h.files('Needs_Action')).toHaveLength(2);
    expect(h.files('Plans')).toHaveLength(2);
    // The index was rebuilt from the task notes.
    const index = h
      .text('Logs/state/triage_index.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { task: string });
    expect(index.map((e) => e.task).sort()).toEqual(first.triaged.map((t) => t.task).sort());
  });

  it('rebuilds a damaged index from the notes in Done as well', async () => {
    h.drop('sam.md', NOTE);
    const [task] = (await h.triage.triageInbox()).triaged;
    fs.renameSync(h.abs(task!.task), h.abs(task!.task.replace('Needs_Action', 'Done')));
    fs.writeFileSync(h.abs('Logs/state/triage_index.jsonl'), '{"task": "broken\n');
    h.drop('sam.md', NOTE);
    const again = await h.newTriage().triageInbox();
    expect(again.duplicates).toHaveLength(1);
    expect(again.duplicates[0]!.duplicateOf).toBe(task!.task.replace('Needs_Action', 'Done'));
  });

  it('quarantines the same content dropped twice, with a note that links the first task, and audits it as skipped', async () => {
    h.drop('invoice-march.pdf', PDF_BYTES);
    const [first] = (await h.triage.triageInbox()).triaged;
    h.drop('invoice-march (1).pdf', PDF_BYTES);
    const report = await h.triage.triageInbox();

    expect(report.duplicates).toEqual([
      {
        status: 'duplicate',
        original: 'Inbox/invoice-march (1).pdf',
        quarantined: 'Quarantine/invoice-march (1).pdf',
        whyNote: 'Quarantine/invoice-march (1).pdf.why.md',
        duplicateOf: first!.task,
      },
    ]);
    expect(h.bytes('Quarantine/invoice-march (1).pdf').equals(PDF_BYTES)).toBe(true);
    const why = h.text('Quarantine/invoice-march (1).pdf.why.md');
    expect(why).toContain(`[[${first!.task.replace('Needs_Action/', '').replace('.md', '')}]]`);
    expect(h.frontmatter('Quarantine/invoice-march (1).pdf.why.md')).toMatchObject({ type: 'quarantine', status: 'needs_review', reason: 'DuplicateItem' });
    const skipped = h.auditLines().filter((a) => a.status === 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ action: 'vault.triage', source: 'triage', details: { reason: 'duplicate', duplicate_of: first!.task } });
    expect(h.files('Needs_Action')).toHaveLength(1);
  });

  it('leaves a file that is still being written for a later run, then takes it', async () => {
    // Modified "just now" by the clock, and the clock does not move while triage waits.
    h.drop('scan.pdf', PDF_BYTES, h.clock.now());
    const first = await h.triage.triageInbox();
    expect(first.skipped).toEqual([{ status: 'skipped', original: 'Inbox/scan.pdf', reason: 'still-being-written' }]);
    expect(h.sleeps.length).toBeGreaterThan(0);
    expect(h.exists('Inbox/scan.pdf')).toBe(true);

    h.clock.advanceMs(h.settings.triage.settleMs);
    const later = await h.triage.triageInbox();
    expect(later.triaged).toHaveLength(1);
    expect(h.exists('Inbox/scan.pdf')).toBe(false);
  });

  it('waits while a file grows and takes it once it has stopped changing', async () => {
    const abs = h.drop('long-recording-notes.md', '# Notes\n', h.clock.now());
    let chunks = 0;
    h.onSleep = (ms) => {
      // The writer appends twice more; time moves on with every wait.
      if (chunks < 2) {
        chunks++;
        fs.appendFileSync(h.abs(abs), `More text ${chunks}\n`);
        fs.utimesSync(h.abs(abs), h.clock.now(), h.clock.now());
      }
      h.clock.advanceMs(ms);
    };
    const report = await h.triage.triageInbox();
    expect(report.triaged).toHaveLength(1);
    expect(h.text(report.triaged[0]!.task)).toContain('More text 1\nMore text 2\n');
  });

  it('gives clashing names a -2, -3 suffix and never overwrites', async () => {
    const note = (n: number) => `---\ntype: manual\nreceived: 2026-02-20T09:00:00Z\n---\nOrder paper\n\nVersion ${n}\n`;
    h.drop('a.md', note(1));
    h.drop('b.md', note(2));
    h.put('Done/manual_2026-02-20_order-paper-3.md', 'An old finished task\n');
    h.drop('c.md', note(3));
    h.put('Needs_Action/attachments/receipt.pdf', 'an earlier receipt');
    h.drop('receipt.pdf', PDF_BYTES);
    const { triaged } = await h.triage.triageInbox();

    expect(triaged.map((t) => t.task).sort()).toEqual([
      'Needs_Action/file_drop_2026-02-20_receipt.md',
      'Needs_Action/manual_2026-02-20_order-paper-2.md',
      'Needs_Action/manual_2026-02-20_order-paper-4.md',
      'Needs_Action/manual_2026-02-20_order-paper.md',
    ]);
    expect(h.text('Done/manual_2026-02-20_order-paper-3.md')).toBe('An old finished task\n');
    expect(h.text('Needs_Action/attachments/receipt.pdf')).toBe('an earlier receipt');
    expect(h.bytes('Needs_Action/attachments/receipt-2.pdf').equals(PDF_BYTES)).toBe(true);
    expect(h.frontmatter('Needs_Action/file_drop_2026-02-20_receipt.md').original).toBe('[[attachments/receipt-2.pdf]]');
    expect(h.files('Plans')).toHaveLength(4);
  });

  it('repairs awkward characters in names instead of refusing them', async () => {
    h.drop('Invoice: #42 [final]?.pdf', PDF_BYTES);
    h.drop('CON.md', 'Reserved name on Windows\n');
    const { triaged, quarantined } = await h.triage.triageInbox();
    expect(quarantined).toEqual([]);
    const pdf = triaged.find((t) => t.type === 'file_drop')!;
    expect(pdf.attachment).toBe('Needs_Action/attachments/Invoice 42 final.pdf');
    expect(pdf.task).toBe('Needs_Action/file_drop_2026-02-20_invoice-42-final.md');
    expect(pdf.priority).toBe('high');
    expect(triaged.find((t) => t.type === 'manual')!.task).toBe('Needs_Action/manual_2026-02-20_reserved-name-on-windows.md');
  });

  it('takes each file once when the watcher and a scheduled run race', async () => {
    h.drop('sam.md', NOTE);
    h.drop('receipt.pdf', PDF_BYTES);
    const [a, b, c] = await Promise.all([h.triage.triageInbox(), h.triage.triageFile('Inbox/sam.md'), h.triage.triageFile('Inbox/receipt.pdf')]);
    const triaged = [...a.triaged, ...[b, c].filter((o) => o.status === 'triaged')];
    expect(triaged).toHaveLength(2);
    expect(h.files('Needs_Action')).toHaveLength(2);
    expect(h.files('Quarantine')).toEqual([]);
  });

  it('a call that finds the file being triaged returns only once that triage is done, so the task is there', async () => {
    // The watcher runs the employee right after its call returns; a task still being made would wait for the next pass.
    h.drop('sam.md', NOTE);
    const first = h.triage.triageFile('Inbox/sam.md');
    const second = await h.triage.triageFile('Inbox/sam.md');
    expect(second).toMatchObject({ status: 'skipped', original: 'Inbox/sam.md', reason: 'busy' });
    expect(h.files('Needs_Action')).toHaveLength(1);
    expect((await first).status).toBe('triaged');
  });
});
