import { findClient, findInvoiceNumber, findProject, findVendor } from '../../../src/agent/rules/names';

describe('findClient', () => {
  it.each<[string, string | null]>([
    ['Completed project for Client ABC, $10000. Can you send the invoice this week?', 'Client ABC'],
    ['Hi! Client ABC here. We paid INV/2026/00001 today, $4,000 by bank transfer.', 'Client ABC'],
    ['Client ABC paid $500', 'Client ABC'],
    ['Our client, Acme Ltd, paid today', 'Acme Ltd'],
    ['the customer Blue Bakery wants a cake', 'Blue Bakery'],
    ['Please invoice Northwind Traders for the work', 'Northwind Traders'],
    ['Finished the Website Redesign project for Northwind Traders — total 2.5k USD', 'Northwind Traders'],
    ['Payment from Acme Ltd.', 'Acme Ltd'],
    ['Loan from Bank of Springfield received', 'Bank of Springfield'],
    ['Invoice for Johnson & Johnson, 3 items', 'Johnson & Johnson'],
    ['Work for J.P. Morgan & Co. is done', 'J.P. Morgan & Co'],
    ['Message from 3M Company: thanks', '3M Company'],
    ['Job for Acme Ltd. We will start Monday', 'Acme Ltd'],
    ['Work for Client A. Then the rest', 'Client A'],
    ['Logo for “Acme Studio” please', 'Acme Studio'],
    ['Northwind Traders has paid INV/2026/00002', 'Northwind Traders'],
    ['Today Acme Corp paid', 'Acme Corp'],
    ['---\nclient: Client ABC\namount: 1500\n---', 'Client ABC'],
    ['client: [[Client ABC]]', 'Client ABC'],
    ['- Client: "Blue Bakery"', 'Blue Bakery'],
    ['Done.\nCustomer: acme ltd', 'acme ltd'],
    // Nobody is named:
    ['Hello, can you help?', null],
    ['Thanks for the help on Monday', null],
    ['Ready for Friday', null],
    ['See you in March', null],
    ['for the Website project', null],
    ['invoice INV/2026/00001', null],
    ['invoice PS-2231 now', null],
    ['Paid from USD account', null],
    ['We paid the invoice', null],
    ['Client asked for a call', null],
    ['I think so. We agree. Hi there.', null],
  ])('%j → %j', (text, client) => {
    expect(findClient(text)).toBe(client);
  });

  it.each<[string, string, string | null]>([
    ['We paid INV/2026/00001', '+1 555 0100 (Client ABC)', 'Client ABC'],
    ['hello', 'Blue Bakery <orders@bluebakery.example>', 'Blue Bakery'],
    ['hello', '"Sam Lee" <sam@gmail.com>', 'Sam Lee'],
    ['hello', 'Accounts <accounts@northwind-traders.example>', 'Northwind Traders'],
    ['hello', 'billing@acme.co.uk', 'Acme'],
    ['hello', 'sam@gmail.com', null],
    ['hello', '+1 555 0100', null],
    ['hello', 'Sam Lee', 'Sam Lee'],
    ['Completed work for Client ABC', '+1 555 0100 (Someone Else)', 'Client ABC'],
  ])('%j from %j → %j (the message wins over the sender)', (text, from, client) => {
    expect(findClient(text, { from })).toBe(client);
  });
});

describe('findProject', () => {
  it.each<[string, string | null]>([
    ['Finished the Website Redesign project for Northwind Traders — total 2.5k USD', 'Website Redesign'],
    ['We finished the website redesign project', 'Website Redesign'],
    ['Work on project Website Redesign is done', 'Website Redesign'],
    ['Completed the project called Mobile App for Acme', 'Mobile App'],
    ['for the Website project', 'Website'],
    ['the new logo project is done', 'Logo'],
    ['Started Mobile App project', 'Mobile App'],
    ['Phase 2 project approved', 'Phase 2'],
    ['project: Website Redesign', 'Website Redesign'],
    ['---\nclient: Client ABC\nproject: Spring Campaign\n---', 'Spring Campaign'],
    ['We have paid the invoice for the completed project', null],
    ['Completed project for Client ABC, $10000.', null],
    ['I finished my project', null],
    ['no projects here', null],
  ])('%j → %j', (text, project) => {
    expect(findProject(text)).toBe(project);
  });
});

describe('findVendor', () => {
  it.each<[string, string | null]>([
    ['Paid Rs 5000 to Sharma Printers for flyers', 'Sharma Printers'],
    ['paid Paper Supplies Ltd $40 for toner', 'Paper Supplies Ltd'],
    ['Receipt from Paper Supplies Ltd', 'Paper Supplies Ltd'],
    ['Bought toner at Office Depot today', 'Office Depot'],
    ['We purchased two monitors from Dell Technologies', 'Dell Technologies'],
    ['paid to the Electricity Board of Kerala', 'Electricity Board of Kerala'],
    ['vendor: Sharma Printers', 'Sharma Printers'],
    ['Supplier: Paper Supplies Ltd', 'Paper Supplies Ltd'],
    ['We paid INV/2026/00001', null],
    ['Pay $1,000,000 to account 12345', null],
    ['paid $40 for lunch', null],
  ])('%j → %j', (text, vendor) => {
    expect(findVendor(text)).toBe(vendor);
  });

  it.each<[string, string, string | null]>([
    ['A friendly reminder that invoice PS-2231 for $150.00 is due this Friday.', 'Accounts <accounts@paper-supplies.example>', 'Paper Supplies'],
    ['Your receipt', 'Paper Supplies Ltd <ap@paper-supplies.example>', 'Paper Supplies Ltd'],
    ['Your receipt', 'noreply@gmail.com', null],
  ])('%j from %j → %j', (text, from, vendor) => {
    expect(findVendor(text, { from })).toBe(vendor);
  });
});

describe('findInvoiceNumber', () => {
  it.each<[string, string | null]>([
    ['We paid INV/2026/00001 today', 'INV/2026/00001'],
    ['Paid INV-2026-00001 in full', 'INV/2026/00001'],
    ['ref inv/2026/00007.', 'INV/2026/00007'],
    ['Vendor bill BILL/2026/03/0001 attached', 'BILL/2026/03/0001'],
    ['Credit note RINV/2025/00012', 'RINV/2025/00012'],
    ['A friendly reminder that invoice PS-2231 for $150.00 is due', 'PS-2231'],
    ['invoice #2231', '2231'],
    ['Invoice no. 2231', '2231'],
    ['Invoice: A-77', 'A-77'],
    ['invoice 2231', null],
    ['invoice 2026-12-31', null],
    ['dated 31/12/2026', null],
    ['MISC-2026-0001', null],
    ['Please invoice me', null],
    ['two invoices', null],
  ])('%j → %j', (text, number) => {
    expect(findInvoiceNumber(text)).toBe(number);
  });
});
