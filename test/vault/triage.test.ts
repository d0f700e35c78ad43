import { createHash } from 'node:crypto';
import { PDF_BYTES, PNG_BYTES, TriageHarness } from './triage-harness';

const WHATSAPP = [
  '---',
  'type: whatsapp',
  'from: "+1 555 0100 (Client ABC)"',
  'received: 2026-02-20T10:30:00Z',
  'tags: [clients]',
  '---',
  'Completed project for Client ABC, $10000',
  '',
].join('\n');

const EMAIL = [
  'From: Accounts <accounts@paper-supplies.example>',
  'To: owner@my-business.example',
  'Subject: Payment reminder: invoice PS-2231 due Friday',
  'Date: Thu, 19 Feb 2026 12:00:00 +0000',
  '',
  'Hello,',
  '',
  'A friendly reminder that invoice PS-2231 for $150.00 is due this Friday.',
  '',
].join('\n');

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('Triage end to end', () => {
  let h: TriageHarness;

  beforeEach(async () => {
    h = new TriageHarness();
    await h.init();
  });
  afterEach(() => h.cleanup());

  it('turns a WhatsApp note into a task with a plan, keeping its words and its own properties', async () => {
    h.drop('WhatsApp from Client ABC.md', WHATSAPP);
    const report = await h.triage.triageInbox();

    expect(report.triaged).toHaveLength(1);
    const item = report.triaged[0]!;
    expect(item.task).toBe('Needs_Action/whatsapp_2026-02-20_completed-project-for-client-abc-10000.md');
    expect(item.plan).toBe('Plans/Plan_whatsapp_2026-02-20_completed-project-for-client-abc-10000.md');
    expect(h.files('Inbox')).toEqual([]);

    const fm = h.frontmatter(item.task);
    expect(fm).toMatchObject({
      type: 'whatsapp',
      status: 'pending',
      priority: 'normal',
      source: '+1 555 0100 (Client ABC)',
      plan: '[[Plan_whatsapp_2026-02-20_completed-project-for-client-abc-10000]]',
      original: '[[whatsapp_2026-02-20_completed-project-for-client-abc-10000]]',
      original_name: 'WhatsApp from Client ABC.md',
      tags: ['clients'],
    });
    expect(new Date(fm.received as string).toISOString()).toBe('2026-02-20T10:30:00.000Z');
    expect(fm.received).toMatch(/[+-]\d\d:\d\d$/);
    expect(fm.trigger_id).toMatch(/^trg-20260220-[0-9a-f]{8}$/);
    expect(fm.sha256).toBe(sha256(WHATSAPP));
    const text = h.text(item.task);
    expect(text).toContain('# WhatsApp message from +1 555 0100 (Client ABC)\n\nCompleted project for Client ABC, $10000\n');
    expect(text).toContain('[[Plan_whatsapp_2026-02-20_completed-project-for-client-abc-10000]]');

    const plan = h.text(item.plan);
    const planFm = h.frontmatter(item.plan);
    expect(planFm).toMatchObject({ type: 'plan', status: 'active', task: '[[whatsapp_2026-02-20_completed-project-for-client-abc-10000]]', trigger_id: fm.trigger_id });
    expect(planFm.created).toMatch(/^2026-02-20T\d\d:00:00\.000[+-]\d\d:\d\d$/);
    expect(plan).toContain('[[whatsapp_2026-02-20_completed-project-for-client-abc-10000]]');
    expect(plan).toContain('- [ ] Read the message from +1 555 0100 (Client ABC)');
    expect(plan).toContain('- [ ] Prepare the invoice ($10000)');
    expect(plan).toContain('- [ ] Ask for approval before sending the invoice');
  });

  it('recognises a pasted e-mail, takes subject, sender and date from its headers, and marks a payment high', async () => {
    h.drop('Email - supplier payment reminder.md', EMAIL);
    const { triaged } = await h.triage.triageInbox();
    const item = triaged[0]!;
    expect(item).toMatchObject({ type: 'email', priority: 'high' });
    expect(item.task).toBe('Needs_Action/email_2026-02-19_payment-reminder-invoice-ps-2231-due-friday.md');
    const fm = h.frontmatter(item.task);
    expect(fm.source).toBe('Accounts <accounts@paper-supplies.example>');
    expect(new Date(fm.received as string).toISOString()).toBe('2026-02-19T12:00:00.000Z');
    expect(h.text(item.task)).toContain('# Payment reminder: invoice PS-2231 due Friday\n\nFrom: Accounts');
    const plan = h.text(item.plan);
    expect(plan).toContain('- [ ] Read the e-mail from Accounts <accounts@paper-supplies.example>');
    expect(plan).toContain('- [ ] Check the bill ($150.00) against the books');
    expect(plan).toContain('- [ ] Ask for approval before paying');
    expect(plan).toContain('- [ ] Send the reply after approval');
  });

  it('moves a dropped PDF unchanged to attachments and writes a note that embeds and describes it', async () => {
    const dropped = new Date('2026-02-18T12:00:00Z');
    h.drop('receipt-office-supplies.pdf', PDF_BYTES, dropped);
    const { triaged } = await h.triage.triageInbox();
    const item = triaged[0]!;
    expect(item).toMatchObject({ type: 'file_drop', attachment: 'Needs_Action/attachments/receipt-office-supplies.pdf' });
    expect(item.task).toBe('Needs_Action/file_drop_2026-02-18_receipt-office-supplies.md');
    expect(h.bytes('Needs_Action/attachments/receipt-office-supplies.pdf').equals(PDF_BYTES)).toBe(true);

    const fm = h.frontmatter(item.task);
    expect(fm).toMatchObject({
      type: 'file_drop',
      status: 'pending',
      source: 'Inbox/receipt-office-supplies.pdf',
      original: '[[attachments/receipt-office-supplies.pdf]]',
      size: PDF_BYTES.length,
      mime: 'application/pdf',
      sha256: sha256(PDF_BYTES),
    });
    expect(new Date(fm.received as string).getTime()).toBe(dropped.getTime());
    const note = h.text(item.task);
    expect(note).toContain('![[attachments/receipt-office-supplies.pdf]]');
    expect(note).toContain(sha256(PDF_BYTES));
    expect(h.text(item.plan)).toContain('- [ ] Review the document receipt-office-supplies.pdf');
    expect(h.text(item.plan)).toContain('- [ ] Record the expense in Accounting/Expenses');
  });

  it('sniffs an image by its bytes and flags a name that lies about the type', async () => {
    h.drop('photo of whiteboard.png', PNG_BYTES);
    h.drop('scan.pdf', Buffer.concat([PNG_BYTES, Buffer.from('another picture')]));
    const { triaged } = await h.triage.triageInbox();
    expect(triaged).toHaveLength(2);
    const photo = triaged.find((t) => t.original === 'Inbox/photo of whiteboard.png')!;
    expect(photo.attachment).toBe('Needs_Action/attachments/photo of whiteboard.png');
    expect(h.frontmatter(photo.task).mime).toBe('image/png');
    const scan = triaged.find((t) => t.original === 'Inbox/scan.pdf')!;
    expect(h.frontmatter(scan.task).mime).toBe('image/png');
    expect(h.text(scan.task)).toContain('The name says application/pdf, but the content looks like image/png');
  });

  it('announces each item and records it in the audit log', async () => {
    h.drop('WhatsApp from Client ABC.md', WHATSAPP);
    h.drop('receipt.pdf', PDF_BYTES);
    const { triaged } = await h.triage.triageInbox();

    const pdf = triaged.find((t) => t.type === 'file_drop')!;
    const chat = triaged.find((t) => t.type === 'whatsapp')!;
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(h.eventsOf('vault.task.new').sort(byPath)).toEqual([
      { path: 'Inbox/receipt.pdf', type: 'file_drop' },
      { path: 'Inbox/WhatsApp from Client ABC.md', type: 'whatsapp' },
    ]);
    const done = h.eventsOf('vault.task.triaged');
    expect(done).toHaveLength(2);
    expect(done.find((e) => e.taskPath === pdf.task)).toEqual({
      taskPath: pdf.task,
      planPath: pdf.plan,
      source: 'Inbox/receipt.pdf',
      priority: 'normal',
      triggerId: pdf.triggerId,
    });
    expect(done.find((e) => e.taskPath === chat.task)).toMatchObject({ source: '+1 555 0100 (Client ABC)', triggerId: chat.triggerId });
    const audits = h.auditLines().filter((a) => a.action === 'vault.triage');
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.details?.task === pdf.task)).toMatchObject({
      source: 'triage',
      status: 'success',
      details: { task: pdf.task, plan: pdf.plan, type: 'file_drop', priority: 'normal', original: 'Inbox/receipt.pdf' },
    });
    expect(audits.find((a) => a.details?.task === chat.task)?.details).toMatchObject({ plan: chat.plan, type: 'whatsapp' });
    expect(h.errorLines()).toEqual([]);
  });

  it('makes a manual task from a plain note, using its first line for the name', async () => {
    h.drop('Call notes.md', '# Call with Riverside Bakery\n\nThey would like a quote for a new website. URGENT.\n');
    const { triaged } = await h.triage.triageInbox();
    expect(triaged[0]).toMatchObject({ type: 'manual', priority: 'high', task: 'Needs_Action/manual_2026-02-20_call-with-riverside-bakery.md' });
    const text = h.text(triaged[0]!.task);
    expect(text.match(/^# /gm)).toHaveLength(1);
    expect(h.text(triaged[0]!.plan)).toContain('- [ ] Prepare the quote or proposal');
  });

  it('lets a note set its own priority and ignores files in subfolders, hidden files and partial downloads', async () => {
    h.drop('fyi.md', '---\npriority: high\n---\nFYI the newsletter is out\n');
    h.put('Inbox/sub/folder note.md', 'Not for triage\n');
    h.drop('.hidden.md', 'secret-ish\n');
    h.drop('big-video.mp4.crdownload', Buffer.from([1, 2, 3]));
    const report = await h.triage.triageInbox();
    expect(report.triaged.map((t) => t.priority)).toEqual(['high']);
    expect(report.skipped.map((s) => [s.original, s.reason])).toEqual([['Inbox/big-video.mp4.crdownload', 'temporary']]);
    expect(h.exists('Inbox/.hidden.md')).toBe(true);
    expect(await h.triage.triageFile('Inbox/.hidden.md')).toEqual({ status: 'skipped', original: 'Inbox/.hidden.md', reason: 'hidden' });
    expect(h.exists('Inbox/sub/folder note.md')).toBe(true);
    expect(await h.triage.triageFile('Inbox/sub/folder note.md')).toEqual({ status: 'skipped', original: 'Inbox/sub/folder note.md', reason: 'not-in-inbox' });
  });
});
