/**
 * Bulk data for the bench and report tests: posted customer invoices with
 * their move lines, a deterministic mix of unpaid, partly paid and paid ones
 * (with their payment moves), spread over dates so every aging bucket has
 * invoices. It uses the same code paths as RPC calls, without the network.
 */
import type { Env } from './env';
import { createMove } from './models/moves';
import { linesOf, postOne } from './models/move-logic';
import { registerPayment } from './models/payments';
import type { Row } from './store';

/** mulberry32: a small deterministic PRNG, so a seed always gives the same books. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const parseDay = (day: string): number => Date.parse(`${day}T00:00:00Z`);

const SERVICES = ['Consulting', 'Design work', 'Maintenance', 'Training', 'Support plan', 'Development', 'Audit', 'Hosting'];

export interface SeedOptions {
  from?: string;
  to?: string;
  partners?: number;
  seed?: number;
}

export function seedPostedInvoices(env: Env, count: number, options: SeedOptions = {}): void {
  if (!Number.isInteger(count) || count < 0) throw new Error(`seedPostedInvoices: count must be a non-negative integer, got ${count}`);
  const to = options.to ?? env.today();
  const from = options.from ?? toDay(parseDay(to) - 365 * DAY);
  if (Number.isNaN(parseDay(from)) || Number.isNaN(parseDay(to)) || from > to) throw new Error(`seedPostedInvoices: bad date range ${from}..${to}`);
  const partnerCount = Math.max(1, options.partners ?? 25);
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

  const partners = env.table('res.partner');
  const partnerIds: number[] = [];
  const existing = partners.all().filter((p) => String(p.name).startsWith('Seed Customer '));
  for (let i = 0; i < partnerCount; i++) {
    const name = `Seed Customer ${String(i + 1).padStart(3, '0')}`;
    const found = existing.find((p) => p.name === name);
    partnerIds.push(found ? found.id : partners.insert({ name, email: `customer${i + 1}@example.com`, is_company: true, active: true, customer_rank: 0, supplier_rank: 0, create_date: env.now(), write_date: env.now() }).id);
  }

  const start = parseDay(from);
  const span = Math.max(0, Math.round((parseDay(to) - start) / DAY));
  const today = parseDay(env.today());
  // Dates first, in order, so sequence numbers follow the dates as Odoo requires.
  const days = Array.from({ length: count }, () => start + Math.floor(rand() * (span + 1)) * DAY).sort((a, b) => a - b);
  for (let i = 0; i < count; i++) {
    const invoiceDay = days[i] as number;
    const terms = pick([0, 15, 30, 30, 45, 60]);
    const lineCount = 1 + Math.floor(rand() * 3);
    const lines = Array.from({ length: lineCount }, () => [0, 0, { name: pick(SERVICES), quantity: 1 + Math.floor(rand() * 5), price_unit: Math.round(50 + rand() * 1950), tax_ids: [[6, 0, []]] }]);
    const move = createMove(env, {
      move_type: 'out_invoice',
      partner_id: pick(partnerIds),
      invoice_date: toDay(invoiceDay),
      invoice_date_due: toDay(invoiceDay + terms * DAY),
      ref: `SO${String(i + 1).padStart(5, '0')}`,
      invoice_line_ids: lines,
    });
    postOne(env, move);
    const roll = rand();
    if (roll < 0.55) continue; // unpaid
    const term = linesOf(env, move.id).find((l) => l.display_type === 'payment_term') as Row;
    const total = Number(move.amount_total);
    const amount = roll < 0.75 ? Math.round(total * (0.2 + rand() * 0.6) * 100) / 100 : total;
    const latest = Math.max(invoiceDay, Math.min(today, parseDay(to)));
    const paymentDay = invoiceDay + Math.floor(rand() * ((latest - invoiceDay) / DAY + 1)) * DAY;
    registerPayment(env, [term], { amount, date: toDay(paymentDay), memo: String(move.name) });
  }
}
