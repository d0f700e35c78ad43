import { localDay } from '../accounting/dates';
import { makeTextPdf } from './demo-pdf';

/** One file the demo drops into the inbox. */
export interface DemoItem {
  name: string;
  content: string | Uint8Array;
  /** What a reader should expect the pipeline to make of it. */
  expect: string;
}

/** Realistic inbox items for the demo vault, dated relative to `now`. */
export function demoInboxItems(now: Date): DemoItem[] {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const day = (daysAhead: number) => localDay(new Date(now.getTime() + daysAhead * 86_400_000));
  return [
    {
      name: 'WhatsApp from Client ABC.md',
      expect: 'the employee creates a draft invoice for Client ABC and drafts a post about it, which waits for your approval',
      content: [
        '---',
        'type: whatsapp',
        'from: "+1 555 0100 (Client ABC)"',
        `received: ${at(42)}`,
        '---',
        'Completed project for Client ABC, $10000. Can you send the invoice this week?',
        '',
      ].join('\n'),
    },
    {
      name: 'Email - supplier payment reminder.md',
      expect: 'a bill to pay: the employee tells you, and the payment is a step for you',
      content: [
        'From: Accounts <accounts@paper-supplies.example>',
        'To: owner@my-business.example',
        'Subject: Payment reminder: invoice PS-2231 due Friday',
        `Date: ${new Date(now.getTime() - 3 * 3_600_000).toUTCString()}`,
        '',
        'Hello,',
        '',
        'A friendly reminder that invoice PS-2231 for $150.00 (office supplies) is due this Friday.',
        'You can pay by bank transfer to the usual account.',
        '',
        'Thanks,',
        'Paper Supplies Ltd',
        '',
      ].join('\n'),
    },
    {
      name: 'Invoice request - Northwind logo design.md',
      expect: 'an #accounting invoice request: a task, then the accounting sync makes a draft invoice in the vault ledger (Accounting/Invoices/)',
      content: [
        '---',
        'type: invoice_request',
        'tags: [accounting]',
        'client: Northwind Traders',
        'amount: 2400',
        'description: Logo and brand kit',
        'project: Brand refresh',
        `due: ${day(14)}`,
        '---',
        '# Invoice Northwind Traders for the logo and brand kit',
        '',
        'Northwind Traders signed off the new logo and brand kit today.',
        'Please invoice them $2,400, due in two weeks as agreed.',
        '',
        '#accounting',
        '',
      ].join('\n'),
    },
    {
      name: 'receipt-office-supplies.pdf',
      expect: 'a file-drop task that links the PDF; recording the expense is a step for you',
      content: makeTextPdf([
        'Paper Supplies Ltd - Receipt',
        `Date: ${now.toISOString().slice(0, 10)}`,
        'A4 paper, 5 reams ........ $45.00',
        'Printer toner ............ $105.00',
        'Total paid ............... $150.00',
        'Paid by card ending 4242',
      ]),
    },
    {
      name: 'Call notes - new website quote.md',
      expect: 'a quote request: the employee tells you, and the quote is a step for you',
      content: [
        '# Call with Riverside Bakery',
        '',
        'They would like a quote for a new website with online ordering.',
        'Budget around $4,000. Wants a proposal by next Tuesday.',
        '',
      ].join('\n'),
    },
    {
      name: 'Meeting notes (broken).md',
      expect: 'quarantined with an explanation, because its frontmatter is broken',
      content: ['---', 'type: manual', 'title: "Quarterly review', 'attendees: [Sam, Alex', '---', 'Notes from the quarterly review.', ''].join('\n'),
    },
  ];
}
