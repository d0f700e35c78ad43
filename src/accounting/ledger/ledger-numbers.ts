import { joinVaultPath } from '../../core/paths';
import type { VaultPort } from '../../vault/vault-port';

/**
 * Numbers of the vault ledger: `INV/2026/00001`, `EXP/2026/00001` and
 * `PAY/2026/00001`, counted per series (prefix and year). A note's file name
 * is its number with dashes (`INV-2026-00001.md`), so the vault's exclusive
 * create is what keeps two writers from taking one number.
 */
export type NumberPrefix = 'INV' | 'EXP' | 'PAY';

export const INVOICE_NUMBER = /^INV\/\d{4}\/\d{5,}$/;
export const EXPENSE_NUMBER = /^EXP\/\d{4}\/\d{5,}$/;

export function formatNumber(prefix: NumberPrefix, year: string, sequence: number): string {
  return `${prefix}/${year}/${String(sequence).padStart(5, '0')}`;
}

/** `INV/2026/00001` → `INV-2026-00001.md`. */
export function noteFileName(number: string): string {
  return `${number.replace(/\//g, '-')}.md`;
}

/** The series key of a prefix and year, e.g. `INV/2026`. */
export function seriesOf(prefix: NumberPrefix, year: string): string {
  return `${prefix}/${year}`;
}

/** The sequence of a number in a series, or null when it is of another series. */
export function sequenceIn(series: string, number: string): number | null {
  if (!number.startsWith(`${series}/`)) return null;
  const tail = number.slice(series.length + 1);
  return /^\d{5,}$/.test(tail) ? Number(tail) : null;
}

/**
 * Every sequence of a series written anywhere in a text, with `/` or `-`
 * (a broken note still reserves the numbers it mentions, and so does a file name).
 */
export function sequencesInText(series: string, text: string): number[] {
  const [prefix, year] = series.split('/');
  const pattern = new RegExp(`\\b${prefix}[/-]${year}[/-](\\d{5,})\\b`, 'g');
  return Array.from(text.matchAll(pattern), (m) => Number(m[1]));
}

type Marks = Record<string, number>;

/**
 * The highest number ever handed out per series, kept in the state folder so
 * that deleting the newest note by hand does not make its number come back.
 * The notes stay the first authority: the next number is one above the
 * highest of the notes and of this mark. An unreadable file counts as empty
 * (the notes still hold every number in use) and is rewritten on the next raise.
 */
export class SequenceMarks {
  readonly path: string;

  constructor(
    private readonly vault: VaultPort,
    stateDir: string,
  ) {
    this.path = joinVaultPath(stateDir, 'ledger_sequences.json');
  }

  async get(series: string): Promise<number> {
    return (await this.read())[series] ?? 0;
  }

  async raise(series: string, to: number): Promise<void> {
    const marks = await this.read();
    if ((marks[series] ?? 0) >= to) return;
    marks[series] = to;
    await this.vault.write(this.path, `${JSON.stringify(marks, null, 2)}\n`);
  }

  private async read(): Promise<Marks> {
    let raw: string;
    try {
      raw = await this.vault.read(this.path);
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      const marks: Marks = {};
      for (const [series, value] of Object.entries(parsed)) {
        if (typeof value === 'number' && Number.isInteger(value) && value > 0) marks[series] = value;
      }
      return marks;
    } catch {
      return {};
    }
  }
}
