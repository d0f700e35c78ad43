import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { localDay } from '../src/accounting/dates';
import { briefingWeek, weekJustEnded } from '../src/briefing/briefing-week';
import { isoWithOffset } from '../src/core/clock';
import { addIsoWeeks, isoWeekStart, type IsoWeek } from '../src/core/iso-week';
import { archiveFileName } from '../src/core/logs/archive-names';
import { Runtime } from '../src/core/runtime';
import { MapSecrets } from '../src/core/secrets';
import { defaultSettings } from '../src/core/settings';
import { FsVault } from '../src/vault/fs-vault';
import { makeDeviceIdentity } from '../src/vault/runner-lease';
import { report, tempDir } from './bench-util';
import { writeExpenseNotes, writeInvoiceNotes } from './ledger-fixtures';

interface YearOfData {
  auditLines: number;
  tasks: number;
  invoices: number;
  /** Extra audit lines in the reported week itself, to show memory does not follow the log's size. */
  weekLines?: number;
}

const FILLER = ['accounting.invoice.create', 'agent.loop', 'agent.notify', 'dashboard.refresh', 'accounting.sync'];

/**
 * A year of a busy vault: invoice and expense notes, task notes in Done/,
 * and the audit log rotated into weekly archives as the product leaves them.
 */
function writeYear(dir: string, data: YearOfData, reported: IsoWeek): void {
  const at = (...parts: string[]) => nodePath.join(dir, ...parts);
  const weeks = Array.from({ length: 52 }, (_, i) => addIsoWeeks(reported, i - 51));
  const yearStart = localDay(isoWeekStart(weeks[0]?.year ?? reported.year, weeks[0]?.week ?? 1));
  writeInvoiceNotes(at('Accounting', 'Invoices'), data.invoices, yearStart);
  writeExpenseNotes(at('Accounting', 'Expenses'), Math.round(data.invoices / 10), yearStart);
  mkdirSync(at('Done'), { recursive: true });
  mkdirSync(at('Logs', 'archive'), { recursive: true });
  const tasksPerWeek = Math.ceil(data.tasks / weeks.length);
  const linesPerWeek = Math.ceil(data.auditLines / weeks.length);
  let task = 0;
  for (const week of weeks) {
    const monday = isoWeekStart(week.year, week.week).getTime();
    const lines: string[] = [];
    const line = (offsetMs: number, action: string, details: Record<string, unknown>) =>
      lines.push(JSON.stringify({ timestamp: isoWithOffset(new Date(monday + offsetMs)), action, source: 'bench', status: 'success', duration_ms: 1, user: 'system', details }));
    for (let i = 0; i < tasksPerWeek && task < data.tasks; i++, task++) {
      const triaged = (i * 7 * 86_400_000) / tasksPerWeek;
      const completed = triaged + ((i % 5) + 1) * 3_600_000 * 20;
      const name = `whatsapp_${localDay(new Date(monday + triaged))}_task-${task}.md`;
      writeFileSync(at('Done', name), `---\ntype: whatsapp\nstatus: done\ntriaged: ${isoWithOffset(new Date(monday + triaged))}\ncompleted: ${isoWithOffset(new Date(monday + completed))}\ntrigger_id: trg-bench-${task}\n---\nMessage ${task}\n`);
      line(triaged, 'vault.triage', { task: `Needs_Action/${name}` });
      line(Math.min(completed, 7 * 86_400_000 - 1), 'vault.complete', { task: `Done/${name}` });
    }
    while (lines.length < linesPerWeek) line((lines.length * 7 * 86_400_000) / linesPerWeek, FILLER[lines.length % FILLER.length] ?? 'agent.loop', { note: `filler ${lines.length}` });
    writeFileSync(at('Logs', 'archive', archiveFileName('Logs/audit_log.jsonl', week)), `${lines.join('\n')}\n`);
  }
  if (data.weekLines) {
    const file = at('Logs', 'archive', archiveFileName('Logs/audit_log.jsonl', reported));
    const monday = isoWeekStart(reported.year, reported.week).getTime();
    const chunk: string[] = [];
    for (let i = 0; i < data.weekLines; i++) {
      chunk.push(JSON.stringify({ timestamp: isoWithOffset(new Date(monday + (i * 7 * 86_400_000) / data.weekLines)), action: 'agent.notify', source: 'bench', status: 'success', duration_ms: 0, user: 'system', details: { message: `busy ${i}` } }));
      if (chunk.length === 10_000) appendFileSync(file, `${chunk.splice(0).join('\n')}\n`);
    }
    if (chunk.length) appendFileSync(file, `${chunk.join('\n')}\n`);
  }
}

/** Samples the heap while `work` runs; returns its time and the peak heap above the start. */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { ms: performance.now() - started, peakMb: (peak - base) / 1_048_576, result };
  } finally {
    clearInterval(timer);
  }
}

async function briefOnce(data: YearOfData): Promise<{ ms: number; peakMb: number; warmMs: number }> {
  const { dir, cleanup } = tempDir('briefing');
  try {
    const reported = weekJustEnded(new Date());
    writeYear(dir, data, reported);
    const settings = defaultSettings();
    settings.agent.enabled = false;
    settings.briefing.locale = 'en-US';
    const runtime = new Runtime({ settings, vault: new FsVault(dir), secrets: new MapSecrets({}), identity: makeDeviceIdentity('daemon', 'bench', { deviceName: 'bench' }) });
    await runtime.start();
    const first = await measured(() => runtime.briefing.generate(reported));
    const week = briefingWeek(reported);
    if (!first.result.data.finance || first.result.data.finance.revenue.current <= 0) throw new Error(`the bench week ${week.label} shows no revenue: the data was not read`);
    const second = await measured(() => runtime.briefing.generate(reported));
    await runtime.stop();
    return { ms: first.ms, peakMb: first.peakMb, warmMs: second.ms };
  } finally {
    cleanup();
  }
}

/**
 * A briefing over a year of data (audit lines, tasks and invoices in the
 * vault ledger): its time, cold (every note read) and warm (the ledger's
 * cache in place), and the peak heap, again with ten times the reported
 * week's log lines to show memory does not grow with the log.
 */
export async function benchBriefing(data: YearOfData): Promise<void> {
  const year = await briefOnce(data);
  report(`CEO briefing over a year (${data.auditLines} audit lines, ${data.tasks} tasks, ${data.invoices} invoices)`, `${(year.ms / 1000).toFixed(2)} s`, '< 2 s', year.ms < 2000);
  report('  the same again (ledger cache warm)', `${(year.warmMs / 1000).toFixed(2)} s`);
  report('  peak heap above the start', `${year.peakMb.toFixed(1)} MB`);
  const busy = await briefOnce({ ...data, weekLines: 200_000 });
  report('  peak heap with 200,000 more lines in the week', `${busy.peakMb.toFixed(1)} MB`, 'about the same', busy.peakMb < year.peakMb + 25);
}
