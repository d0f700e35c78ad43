import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import {
  type App,
  ButtonComponent,
  createFakeElement,
  DropdownComponent,
  createTestApp,
  findSetting,
  loadPlugin,
  Modal,
  Notice,
  Plugin,
  requestUrl,
  SecretComponent,
  Setting,
  setRequestUrlHandler,
  TextComponent,
  ToggleComponent,
  type PluginManifest,
} from './obsidian';

const MANIFEST: PluginManifest = { id: 'ai-employee', name: 'AI Employee', author: 'x', version: '0.1.0', minAppVersion: '1.11.4', description: '' };

class TestPlugin extends Plugin {
  ran: string[] = [];
  ticks = 0;

  override async onload(): Promise<void> {
    await Promise.resolve();
    this.addCommand({ id: 'triage', name: 'Triage now', callback: () => this.ran.push('triage') });
    this.addCommand({ id: 'only-when', name: 'Conditional', checkCallback: (checking) => (checking ? this.ticks > 0 : void this.ran.push('cond')) });
    this.addStatusBarItem().setText('Idle');
    this.addRibbonIcon('bot', 'Open dashboard', () => this.ran.push('ribbon'));
    this.registerEvent(this.app.vault.on('create', () => this.ran.push('created')));
    this.registerInterval(window.setInterval(() => this.ticks++, 5));
    this.register(() => this.ran.push('cleanup'));
  }

  override onunload(): void {
    this.ran.push('onunload');
  }
}

let base: string;
let app: App;

beforeEach(() => {
  base = mkdtempSync(nodePath.join(os.tmpdir(), 'fake-app-'));
  app = createTestApp(base);
  Notice.reset();
  setRequestUrlHandler(null);
});

afterEach(() => {
  app.vault.stopWatching();
  rmSync(base, { recursive: true, force: true });
});

test('plugin data lives in <configDir>/plugins/<id>/data.json; missing or broken data loads as null', async () => {
  const plugin = new TestPlugin(app, MANIFEST);
  expect(await plugin.loadData()).toBeNull();
  await plugin.saveData({ version: 1, folders: { inbox: 'Inbox' } });
  const file = nodePath.join(base, app.vault.configDir, 'plugins/ai-employee/data.json');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, folders: { inbox: 'Inbox' } });
  expect(await plugin.loadData()).toEqual({ version: 1, folders: { inbox: 'Inbox' } });
  expect(app.vault.getAbstractFileByPath(`${app.vault.configDir}/plugins/ai-employee/data.json`)).toBeNull();
  writeFileSync(file, '{ broken');
  expect(await plugin.loadData()).toBeNull();
});

test('what a plugin registers works while loaded and is undone by unload', async () => {
  const plugin = new TestPlugin(app, MANIFEST);
  await loadPlugin(plugin);
  expect(app.commands.list().map((c) => c.id)).toEqual(['ai-employee:triage', 'ai-employee:only-when']);
  expect(app.commands.executeCommandById('ai-employee:triage')).toBe(true);
  expect(app.statusBarEl.getText()).toBe('Idle');
  app.ribbonEl.findByClass('side-dock-ribbon-action')?.click();
  await app.vault.create('n.md', '');
  await new Promise((r) => setTimeout(r, 30));
  expect(app.commands.executeCommandById('ai-employee:only-when')).toBe(true);
  expect(plugin.ran).toEqual(['triage', 'ribbon', 'created', 'cond']);

  plugin.unload();
  const ticks = plugin.ticks;
  await app.vault.create('m.md', '');
  await new Promise((r) => setTimeout(r, 30));
  expect(plugin.ticks).toBe(ticks);
  expect(plugin.ran.slice(-2)).toEqual(['cleanup', 'onunload']);
  expect(plugin.ran).not.toContain('created m.md');
  expect(plugin.ran.filter((r) => r === 'created')).toHaveLength(1);
  expect(app.commands.list()).toEqual([]);
  expect(app.statusBarEl.children).toEqual([]);
  expect(app.commands.executeCommandById('ai-employee:triage')).toBe(false);
});

test('onLayoutReady waits for the layout, then runs at once', () => {
  const calls: string[] = [];
  app.workspace.onLayoutReady(() => calls.push('queued'));
  expect(calls).toEqual([]);
  app.workspace.setLayoutReady();
  app.workspace.setLayoutReady();
  app.workspace.onLayoutReady(() => calls.push('immediate'));
  expect(calls).toEqual(['queued', 'immediate']);
  expect(app.workspace.layoutReady).toBe(true);
});

test('workspace opens files and resolves links', async () => {
  await app.vault.createFolder('Briefings');
  const file = await app.vault.create('Briefings/CEO-2026-W10.md', '# Briefing');
  await app.workspace.getLeaf(true).openFile(file);
  await app.workspace.openLinkText('CEO-2026-W10', '');
  await app.workspace.openLinkText('Does not exist', '');
  expect(app.workspace.opened).toEqual(['Briefings/CEO-2026-W10.md', 'Briefings/CEO-2026-W10.md']);
  expect(app.workspace.getActiveFile()).toBe(file);
});

test('settings controls: setValue is silent, the user change calls onChange', () => {
  const container = createFakeElement();
  const changes: unknown[] = [];
  new Setting(container).setName('Runner').setHeading();
  new Setting(container)
    .setName('Device name')
    .setDesc('Shown on the dashboard.')
    .addText((t) => t.setValue('laptop').onChange((v) => changes.push(v)));
  new Setting(container).setName('Day').addDropdown((d) => d.addOptions({ mon: 'Monday', fri: 'Friday' }).setValue('fri').onChange((v) => changes.push(v)));
  new Setting(container).setName('On').addToggle((t) => t.setValue(false).onChange((v) => changes.push(v)));
  new Setting(container).setName('Go').addButton((b) => b.setButtonText('Run').setDisabled(true).onClick(() => changes.push('clicked')));
  expect(changes).toEqual([]);

  const text = findSetting(container, 'Device name');
  expect(text.descEl.getText()).toBe('Shown on the dashboard.');
  text.control(TextComponent).simulateChange('desk');
  findSetting(container, 'Day').control(DropdownComponent).simulateChange('mon');
  findSetting(container, 'On').control(ToggleComponent).simulateChange(true);
  findSetting(container, 'Go').control(ButtonComponent).simulateClick();
  expect(() => findSetting(container, 'Go').control(TextComponent)).toThrow(/no TextComponent/);
  expect(changes).toEqual(['desk', 'mon', true]);
  expect(findSetting(container, 'Runner').isHeading).toBe(true);
  expect(() => findSetting(container, 'Nope')).toThrow(/Runner, Device name/);
});

test('secret storage takes lowercase ids only; the secret picker reports the id', () => {
  app.secretStorage.setSecret('odoo-api-key', 's3cret');
  expect(app.secretStorage.getSecret('odoo-api-key')).toBe('s3cret');
  expect(app.secretStorage.getSecret('missing')).toBeNull();
  expect(app.secretStorage.listSecrets()).toEqual(['odoo-api-key']);
  expect(() => app.secretStorage.setSecret('Odoo_Key', 'x')).toThrow();
  const picked: string[] = [];
  const picker = new SecretComponent(app, createFakeElement()).setValue('odoo-api-key').onChange((id) => picked.push(id));
  picker.simulateChange('other-key');
  expect(picked).toEqual(['other-key']);
  expect(picker.getValue()).toBe('other-key');
});

test('local storage is per device and JSON round-tripped; null removes', () => {
  const device = new Map<string, string>();
  const first = createTestApp(base, { localStorage: device });
  first.saveLocalStorage('ai-employee-runner', { on: true, name: 'desk' });
  expect(first.loadLocalStorage('ai-employee-runner')).toEqual({ on: true, name: 'desk' });
  expect(createTestApp(base, { localStorage: device }).loadLocalStorage('ai-employee-runner')).toEqual({ on: true, name: 'desk' });
  expect(app.loadLocalStorage('ai-employee-runner')).toBeNull();
  first.saveLocalStorage('ai-employee-runner', null);
  expect(first.loadLocalStorage('ai-employee-runner')).toBeNull();
});

test('notices are recorded; modals open and close once', () => {
  new Notice('Triage finished');
  const log: string[] = [];
  class Ask extends Modal {
    override onOpen(): void {
      this.contentEl.createEl('p', { text: 'Approve?' });
      log.push('open');
    }
    override onClose(): void {
      log.push('close');
    }
  }
  const modal = new Ask(app);
  modal.open();
  modal.open();
  expect(app.openModals).toEqual([modal]);
  expect(modal.contentEl.getText()).toBe('Approve?');
  modal.close();
  modal.close();
  expect(log).toEqual(['open', 'close']);
  expect(Notice.messages).toEqual(['Triage finished']);
});

test('requestUrl needs a handler; error statuses throw unless throw is false', async () => {
  await expect(requestUrl('https://example.com')).rejects.toThrow(/not available in tests/);
  setRequestUrlHandler((req) => (req.url.endsWith('/missing') ? { status: 404, text: 'no' } : { json: { ok: true, method: req.method } }));
  expect(await requestUrl({ url: 'https://odoo.test/api', method: 'POST' }).json).toEqual({ ok: true, method: 'POST' });
  await expect(requestUrl('https://odoo.test/missing')).rejects.toMatchObject({ status: 404 });
  const soft = await requestUrl({ url: 'https://odoo.test/missing', throw: false });
  expect(soft).toMatchObject({ status: 404, text: 'no' });
});

test('createTestApp indexes what is already on disk', () => {
  mkdirSync(nodePath.join(base, 'Inbox'), { recursive: true });
  writeFileSync(nodePath.join(base, 'Inbox', 'x.md'), 'x');
  expect(createTestApp(base).vault.getFileByPath('Inbox/x.md')).not.toBeNull();
});
