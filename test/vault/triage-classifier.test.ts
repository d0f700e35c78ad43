import { classifyPriority, classifyType, resolvePriority, type ClassifierInput } from '../../src/vault/task-classifier';
import { safeFileName, slugify, taskBaseName } from '../../src/vault/task-naming';
import { planSteps } from '../../src/vault/plan-writer';
import { guessMime } from '../../src/vault/mime-sniff';
import { PDF_BYTES, PNG_BYTES } from './triage-harness';

const note = (over: Partial<ClassifierInput>): ClassifierInput => ({ name: 'note.md', isMarkdown: true, frontmatter: {}, body: '', ...over });

describe('classifyType', () => {
  it.each<[string, string, ClassifierInput]>([
    ['a PDF', 'file_drop', { name: 'receipt.pdf', isMarkdown: false, frontmatter: {}, body: '' }],
    ['an image, even one that says email', 'file_drop', { name: 'email.png', isMarkdown: false, frontmatter: { type: 'email' }, body: '' }],
    ['a note that says type: whatsapp', 'whatsapp', note({ frontmatter: { type: 'whatsapp' } })],
    ['a note that says type: Email', 'email', note({ frontmatter: { type: 'Email' } })],
    ['a note whose source is gmail', 'email', note({ frontmatter: { source: 'gmail' } })],
    ['a note whose type is unknown but source is whatsapp', 'whatsapp', note({ frontmatter: { type: 'meeting', source: 'WhatsApp' } })],
    ['a note that says type: file_drop', 'file_drop', note({ frontmatter: { type: 'file_drop' } })],
    ['From:/Subject: headers', 'email', note({ body: 'From: a@b.example\nTo: me@x.example\nSubject: Hi\n\nBody' })],
    ['From: without Subject:', 'manual', note({ body: 'From: a@b.example\n\nBody' })],
    ['a WhatsApp export line [d/m/y, h:m]', 'whatsapp', note({ body: '[20/02/2026, 10:30] Sam: Job done, invoice please' })],
    ['a WhatsApp export line d/m/y, h:m AM -', 'whatsapp', note({ body: '2/20/26, 10:30 AM - Sam Lee: see you' })],
    ['a WhatsApp file name', 'whatsapp', note({ name: 'WhatsApp Chat with Sam.md', body: 'hello' })],
    ['anything else', 'manual', note({ body: 'Call the bakery back' })],
  ])('%s → %s', (_what, type, input) => {
    expect(classifyType(input)).toBe(type);
  });
});

describe('classifyPriority', () => {
  it.each([
    ['This is URGENT', 'high', 'urgent'],
    ['please reply asap', 'high', 'asap'],
    ['Reply A.S.A.P.', 'high', 'asap'],
    ['Invoice attached', 'high', 'invoice'],
    ['two invoices', 'high', 'invoice'],
    ['Payment reminder', 'high', 'payment'],
    ['I need help with the site', 'high', 'help'],
    ['the account is overdue', 'high', 'overdue'],
    ['FYI: new opening hours', 'low', 'fyi'],
    ['Our monthly newsletter', 'low', 'newsletter'],
    ['no rush on this one', 'low', 'no rush'],
    ['FYI the invoice is late', 'high', 'invoice'],
    ['This was helpful, thanks', 'normal', null],
    ['Prepayment terms', 'normal', null],
    ['Lunch on Friday?', 'normal', null],
  ])('%j → %s', (text, priority, keyword) => {
    expect(classifyPriority(text)).toEqual({ priority, keyword });
  });

  it('a valid declared priority wins, an invalid one is ignored', () => {
    expect(resolvePriority('Low', 'URGENT invoice')).toBe('low');
    expect(resolvePriority('critical', 'URGENT invoice')).toBe('high');
    expect(resolvePriority(3, 'hello')).toBe('normal');
  });
});

describe('names', () => {
  it.each([
    ['Completed project for Client ABC, $10000', 'completed-project-for-client-abc-10000'],
    ['Café crème à Zürich', 'cafe-creme-a-zurich'],
    ['  ***  ', ''],
    ['CON', 'con-note'],
    ['会议 记录', '会议-记录'],
    ['a'.repeat(80), 'a'.repeat(50)],
    ['one two three four five six seven eight nine ten eleven twelve', 'one-two-three-four-five-six-seven-eight-nine-ten'],
  ])('slugify(%j) → %j', (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });

  it.each([
    ['receipt.pdf', 'receipt.pdf'],
    ['Invoice: #42 [final]?.PDF', 'Invoice 42 final.pdf'],
    ['report. .pdf', 'report.pdf'],
    ['trailing dots....', 'trailing dots'],
    ['nul.txt', 'nul_file.txt'],
    ['a|b<c>d.png', 'a b c d.png'],
    ['###.pdf', null],
  ])('safeFileName(%j) → %j', (input, safe) => {
    expect(safeFileName(input)).toBe(safe);
  });

  it('task names are type, local date and slug, falling back to the file name', () => {
    const day = new Date(2026, 1, 20, 10, 30);
    expect(taskBaseName('whatsapp', day, 'Client ABC: completed!', 'x')).toBe('whatsapp_2026-02-20_client-abc-completed');
    expect(taskBaseName('manual', day, '***', 'Call notes')).toBe('manual_2026-02-20_call-notes');
    expect(taskBaseName('manual', day, '***', '!!!')).toBe('manual_2026-02-20_item');
  });
});

describe('planSteps', () => {
  it.each<[string, Parameters<typeof planSteps>[0], string[]]>([
    [
      'an e-mail asking for a reply',
      { type: 'email', title: 'Lunch?', text: 'Lunch on Friday?', from: 'Sam' },
      ['Read the e-mail from Sam', 'Draft a reply', 'Send the reply after approval'],
    ],
    [
      'a finished job with an amount',
      { type: 'whatsapp', title: 'x', text: 'Completed project for Client ABC, $10000' },
      [
        'Read the message',
        'Prepare the invoice ($10000)',
        'Ask for approval before sending the invoice (the handbook sets the amount that needs it)',
        'Send the invoice and record it in Accounting',
        'Draft a reply',
        'Send the reply after approval',
      ],
    ],
    [
      'a dropped document',
      { type: 'file_drop', title: 'x', text: 'contract.pdf', fileName: 'contract.pdf' },
      ['Review the document contract.pdf', 'Record it: file it under Accounting if it is a receipt or an invoice, otherwise note what it is for'],
    ],
    [
      'a dropped bill',
      { type: 'file_drop', title: 'x', text: 'invoice-2231.pdf', fileName: 'invoice-2231.pdf' },
      [
        'Review the document invoice-2231.pdf',
        'Check the bill against the books: supplier, amount, due date',
        'Ask for approval before paying (payments always need approval)',
        'Record the payment in Accounting once it is made',
      ],
    ],
    ['a plain note', { type: 'manual', title: 'x', text: 'Buy stamps' }, ['Read the note', 'Decide the next action', 'Do it, or hand it over']],
  ])('%s', (_what, ctx, steps) => {
    expect(planSteps(ctx)).toEqual(steps);
  });
});

describe('guessMime', () => {
  it('trusts the content over the name and says when they disagree', () => {
    expect(guessMime('a.pdf', PDF_BYTES)).toEqual({ mime: 'application/pdf', by: 'content' });
    expect(guessMime('a.png', PNG_BYTES)).toEqual({ mime: 'image/png', by: 'content' });
    expect(guessMime('a.pdf', PNG_BYTES)).toEqual({ mime: 'image/png', by: 'content', mismatch: { byExtension: 'application/pdf', byContent: 'image/png' } });
    expect(guessMime('a.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toEqual({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      by: 'extension',
    });
    expect(guessMime('notes.csv', Buffer.from('a,b'))).toEqual({ mime: 'text/csv', by: 'extension' });
    expect(guessMime('blob', Buffer.from([1, 2, 3]))).toEqual({ mime: 'application/octet-stream', by: 'unknown' });
  });
});
