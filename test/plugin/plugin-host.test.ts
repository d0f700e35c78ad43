/**
 * The built main.js, loaded as Obsidian loads it (CommonJS, `obsidian` from
 * the host; here the faithful fake): onload is quick and only registers,
 * the commands and the settings tab appear, and once the layout is ready a
 * file dropped into Inbox/ becomes a task note and a plan.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestApp, findSetting, loadPlugin, Notice, type App, type PluginSettingTab } from '../fakes/obsidian';

const root = path.resolve(__dirname, '..', '..');
const mainJs = path.join(root, 'main.js');

interface LoadedPlugin {
  load(): void;
  unload(): void;
  loading: Promise<void>;
}

function loadBuiltPlugin(app: App): LoadedPlugin {
  if (!fs.existsSync(mainJs)) throw new Error('main.js is missing: run "npm run build" (npm test builds first).');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- main.js is CommonJS, loaded the way Obsidian loads it
  const exported = require(mainJs) as { default: new (app: App, manifest: unknown) => LoadedPlugin };
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  return new exported.default(app, manifest);
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function mdFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
}

describe('the built plugin in an Obsidian-like host', () => {
  let base: string;
  let app: App;
  let plugin: LoadedPlugin | null = null;

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-host-'));
    app = createTestApp(base);
    Notice.reset();
  });

  afterEach(async () => {
    plugin?.unload();
    plugin = null;
    app.vault.stopWatching();
    await new Promise((r) => setTimeout(r, 50));
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('registers commands, a settings tab, a status bar item and a ribbon icon in onload, and touches no vault file before the layout is ready', async () => {
    plugin = loadBuiltPlugin(app);
    await loadPlugin(plugin);

    const ids = app.commands.list().map((c) => c.id).sort();
    expect(ids).toEqual(
      [
        'ai-employee:open-dashboard',
        'ai-employee:refresh-dashboard',
        'ai-employee:run-due-jobs',
        'ai-employee:show-recent-errors',
        'ai-employee:triage-inbox',
        'ai-employee:sync-accounting',
        'ai-employee:create-invoice-from-note',
        'ai-employee:show-unpaid-invoices',
        'ai-employee:run-agent-on-task',
        'ai-employee:approve-request',
        'ai-employee:reject-request',
        'ai-employee:show-pending-approvals',
        'ai-employee:generate-ceo-briefing',
      ].sort(),
    );
    expect(app.commands.list().every((c) => !('hotkeys' in c))).toBe(true);
    expect(app.settingTabs).toHaveLength(1);
    expect(app.statusBarEl.children.length).toBeGreaterThan(0);
    expect(app.ribbonEl.children.length).toBeGreaterThan(0);
    // Work starts only in onLayoutReady.
    expect(fs.readdirSync(base).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('renders the settings tab with the runner switch, folders, schedules, the Odoo key field and the connection test', async () => {
    plugin = loadBuiltPlugin(app);
    await loadPlugin(plugin);
    const tab = app.settingTabs[0] as PluginSettingTab;
    tab.display();
    for (const name of ['This device runs automations', 'Inbox folder', 'Triage every (minutes)', 'Sync accounting every (minutes)', 'Weekly briefing day', 'Address', 'API key', 'Test connection']) {
      expect(() => findSetting(tab.containerEl, name)).not.toThrow();
    }
  });

  it('with automations on, turns a file dropped into Inbox/ into a task note and a plan', async () => {
    app.saveLocalStorage('ai-employee-runs-automations', true);
    plugin = loadBuiltPlugin(app);
    await loadPlugin(plugin);
    app.vault.startWatching();
    app.workspace.setLayoutReady();

    await waitFor(() => fs.existsSync(path.join(base, 'Dashboard.md')), 'the vault layout and dashboard');
    fs.writeFileSync(path.join(base, 'Inbox', 'Call from Client ABC.md'), 'Client ABC needs the invoice urgently.\n');

    await waitFor(() => mdFiles(path.join(base, 'Plans')).length === 1 && mdFiles(path.join(base, 'Needs_Action')).length === 1, 'the task and its plan');
    const task = fs.readFileSync(path.join(base, 'Needs_Action', mdFiles(path.join(base, 'Needs_Action'))[0]!), 'utf8');
    expect(task).toMatch(/^---\n/);
    expect(task).toContain('status: pending');
    expect(task).toContain('priority: high');
    expect(fs.readdirSync(path.join(base, 'Inbox'))).toEqual([]);
    const lease = JSON.parse(fs.readFileSync(path.join(base, 'Logs', 'state', 'runner_lease.json'), 'utf8')) as { holder: { kind: string } };
    expect(lease.holder.kind).toBe('obsidian');
  });

  it('with automations off, leaves the inbox alone and says why when asked to triage', async () => {
    plugin = loadBuiltPlugin(app);
    await loadPlugin(plugin);
    app.workspace.setLayoutReady();
    fs.mkdirSync(path.join(base, 'Inbox'), { recursive: true });
    fs.writeFileSync(path.join(base, 'Inbox', 'note.md'), 'Hello\n');
    await app.vault.rescan();

    expect(app.commands.executeCommandById('ai-employee:triage-inbox')).toBe(true);
    await waitFor(() => Notice.messages.length > 0, 'a notice');
    expect(Notice.messages.join('\n')).toMatch(/does not run automations/);
    expect(fs.readdirSync(path.join(base, 'Inbox'))).toEqual(['note.md']);
  });
});
