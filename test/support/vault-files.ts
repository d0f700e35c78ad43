/**
 * Plain file-system views of a test vault folder, for asserting on what is
 * really on disk (bytes, properties, log lines) rather than on what the code
 * under test reports. The runtime harnesses build on it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFrontmatter } from '../../src/vault/frontmatter';

export class VaultFiles {
  constructor(readonly dir: string) {}

  abs(vaultPath: string): string {
    return path.join(this.dir, ...vaultPath.split('/'));
  }

  write(vaultPath: string, content: string): void {
    fs.mkdirSync(path.dirname(this.abs(vaultPath)), { recursive: true });
    fs.writeFileSync(this.abs(vaultPath), content, 'utf8');
  }

  read(vaultPath: string): string {
    return fs.readFileSync(this.abs(vaultPath), 'utf8');
  }

  exists(vaultPath: string): boolean {
    return fs.existsSync(this.abs(vaultPath));
  }

  fm(vaultPath: string): Record<string, unknown> {
    return readFrontmatter(this.read(vaultPath));
  }

  /** Markdown file names directly inside a folder, sorted. */
  notes(folder: string): string[] {
    const abs = this.abs(folder);
    return fs.existsSync(abs) ? fs.readdirSync(abs).filter((n) => n.endsWith('.md')).sort() : [];
  }

  /** Every entry directly inside a folder, sorted. */
  files(folder: string): string[] {
    const abs = this.abs(folder);
    return fs.existsSync(abs) ? fs.readdirSync(abs).sort() : [];
  }

  /** The JSON lines of a log file; [] when it does not exist. */
  jsonl(vaultPath: string): Record<string, unknown>[] {
    if (!this.exists(vaultPath)) return [];
    return this.read(vaultPath)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  audit(): Record<string, unknown>[] {
    return this.jsonl('Logs/audit_log.jsonl');
  }

  errors(): Record<string, unknown>[] {
    return this.jsonl('Logs/error_log.jsonl');
  }
}
