import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsVault } from '../../../src/vault/fs-vault';

/** A real FsVault on a fresh temporary folder, with plain-fs helpers for asserting on bytes. */
export class TempVault {
  readonly dir: string;
  readonly vault: FsVault;

  constructor(prefix = 'ai-employee-logs-') {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.vault = new FsVault(this.dir);
  }

  abs(vaultPath: string): string {
    return path.join(this.dir, ...vaultPath.split('/'));
  }

  /** File content, or null when absent. */
  read(vaultPath: string): string | null {
    const abs = this.abs(vaultPath);
    return fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : null;
  }

  write(vaultPath: string, content: string): void {
    const abs = this.abs(vaultPath);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content, 'utf8');
  }

  /** Parsed non-empty lines of a JSONL file ([] when absent). */
  lines<T = Record<string, unknown>>(vaultPath: string): T[] {
    const content = this.read(vaultPath) ?? '';
    return content
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
  }

  files(folder: string): string[] {
    const abs = this.abs(folder);
    return fs.existsSync(abs) ? fs.readdirSync(abs).filter((n) => fs.statSync(path.join(abs, n)).isFile()).sort() : [];
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
