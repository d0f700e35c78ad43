/**
 * The plugin (from source) in the fake Obsidian host, for the accounting
 * command and settings tests: a real folder as the vault, the plugin's
 * data.json written beforehand, secrets in the app's secret storage.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AiEmployeePlugin from '../../src/plugin/main';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { asObsidianApp, createTestApp, loadPlugin, Notice, type App } from '../fakes/obsidian';

const manifest: unknown = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'manifest.json'), 'utf8'));

export interface HostOptions {
  /** data.json before the plugin loads. */
  settings?: Record<string, unknown>;
  automations?: boolean;
  secrets?: Record<string, string>;
}

export class AccountingHost {
  readonly base: string;
  readonly app: App;
  plugin: AiEmployeePlugin | null = null;

  constructor(private readonly options: HostOptions = {}) {
    this.base = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-plugin-acct-'));
    this.app = createTestApp(this.base);
    Notice.reset();
    if (options.automations) this.app.saveLocalStorage('ai-employee-runs-automations', true);
    for (const [id, value] of Object.entries(options.secrets ?? {})) this.app.secretStorage.setSecret(id, value);
    if (options.settings) this.writeFile('.obsidian/plugins/ai-employee/data.json', JSON.stringify(options.settings));
  }

  /** Loads the plugin and finishes "starting" the app; resolves once the runtime is there. */
  async load(): Promise<AiEmployeePlugin> {
    const plugin = new AiEmployeePlugin(asObsidianApp(this.app), manifest as ConstructorParameters<typeof AiEmployeePlugin>[1]);
    this.plugin = plugin;
    await loadPlugin(plugin);
    this.app.workspace.setLayoutReady();
    // With automations on, the runner sets the vault up (Dashboard.md) once it holds the lease.
    if (this.options.automations) await waitFor(() => fs.existsSync(this.abs('Dashboard.md')), 'the runner to start');
    return plugin;
  }

  abs(vaultPath: string): string {
    return path.join(this.base, ...vaultPath.split('/'));
  }

  writeFile(vaultPath: string, content: string): void {
    fs.mkdirSync(path.dirname(this.abs(vaultPath)), { recursive: true });
    fs.writeFileSync(this.abs(vaultPath), content);
  }

  /** Writes a note as another program would, and lets the vault notice it. */
  async note(vaultPath: string, content: string): Promise<void> {
    await this.app.vault.simulateExternalChange(vaultPath, content);
  }

  read(vaultPath: string): string {
    return fs.readFileSync(this.abs(vaultPath), 'utf8');
  }

  fm(vaultPath: string): Record<string, unknown> {
    return readFrontmatter(this.read(vaultPath));
  }

  async open(vaultPath: string): Promise<void> {
    const file = this.app.vault.getFileByPath(vaultPath);
    if (!file) throw new Error(`No file ${vaultPath} in the vault index`);
    await this.app.workspace.getLeaf(false).openFile(file);
  }

  run(command: string): boolean {
    return this.app.commands.executeCommandById(`ai-employee:${command}`);
  }

  /** The first notice shown after `from` that matches, waiting for it. */
  async notice(match: RegExp, from = 0): Promise<string> {
    let found: string | undefined;
    await waitFor(() => (found = Notice.messages.slice(from).find((m) => match.test(m))) !== undefined, `a notice matching ${String(match)}; got ${JSON.stringify(Notice.messages)}`);
    return found!;
  }

  async cleanup(): Promise<void> {
    this.plugin?.unload();
    this.plugin = null;
    this.app.vault.stopWatching();
    await new Promise((r) => setTimeout(r, 50));
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A task note asking for an invoice, as triage would leave it. */
export function invoiceNote(fields: Record<string, unknown>): string {
  const lines = Object.entries({ type: 'manual', status: 'pending', ...fields }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n# Invoice request\n\nPlease bill them. #accounting\n`;
}
