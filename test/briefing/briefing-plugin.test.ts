/**
 * "Generate CEO briefing" in the fake Obsidian host, on a real vault folder
 * whose ledger another runner filled: the command asks for the week in a
 * modal (the week just ended by default), writes the page, opens it and
 * says where it is; a week that is not one is refused in the modal, one in
 * the future with a notice; a broken owner template is named in the notice.
 */
import { systemClock } from '../../src/core/clock';
import { formatIsoWeek } from '../../src/core/iso-week';
import { Runtime } from '../../src/core/runtime';
import { MapSecrets } from '../../src/core/secrets';
import { parseSettings } from '../../src/core/settings';
import { weekJustEnded } from '../../src/briefing/briefing-week';
import { FsVault } from '../../src/vault/fs-vault';
import { makeDeviceIdentity } from '../../src/vault/runner-lease';
import { ButtonComponent, findSetting, findSettings, Notice, TextComponent, type Modal } from '../fakes/obsidian';
import { AccountingHost, waitFor } from '../plugin/accounting-host';
import { seedBooks } from './briefing-scenario';

const PAGE = 'Briefings/CEO-2026-W10.md';
let host: AccountingHost;

afterEach(async () => {
  await host.cleanup();
});

/** The plugin loaded on a vault whose books a headless runner seeded (so the plugin's own runtime only reads them). */
async function pluginOnSeededVault(): Promise<void> {
  host = new AccountingHost({ settings: { briefing: { locale: 'en-US' } } });
  const other = new Runtime({ settings: parseSettings({}), vault: new FsVault(host.base), secrets: new MapSecrets({}), identity: makeDeviceIdentity('daemon', 'server-device', { deviceName: 'Server' }), clock: systemClock });
  await other.start();
  await seedBooks(await other.accounting());
  await other.stop();
  await host.load();
  await host.app.vault.rescan();
}

/** Runs the command and answers its modal with `week`; returns the modal. */
async function generate(week: string): Promise<Modal> {
  expect(host.run('generate-ceo-briefing')).toBe(true);
  await waitFor(() => host.app.openModals.length === 1, 'the modal');
  const modal = host.app.openModals[0]!;
  expect(modal.titleEl.getText()).toBe('Generate CEO briefing');
  const field = findSetting(modal.contentEl, 'Week').control(TextComponent);
  expect(field.getValue()).toBe(formatIsoWeek(weekJustEnded(new Date())));
  field.simulateChange(week);
  findSettings(modal.contentEl).at(-1)!.control(ButtonComponent).simulateClick();
  return modal;
}

it('writes the page for the week chosen and opens it', async () => {
  await pluginOnSeededVault();
  const from = Notice.messages.length;
  await generate('2026-W10');
  expect(host.app.openModals).toEqual([]);
  expect(await host.notice(/^Briefing written to/, from)).toBe(`Briefing written to ${PAGE}.`);
  expect(Notice.messages.slice(from)[0]).toBe('Writing the CEO briefing for 2026-W10…');
  await waitFor(() => host.app.workspace.getActiveFile()?.path === PAGE, 'the page to open');
  expect(host.fm(PAGE)).toMatchObject({ briefing_id: 'CEO-2026-W10', revenue_total: 8800, expenses_total: 364.99, profit: 8435.01 });
  expect(host.read(PAGE)).toContain('| Acme Builders     | Website  |     \\$4,000 |');
});

it('names a broken template in the notice, and still writes the page', async () => {
  await pluginOnSeededVault();
  await host.note('Briefings/Template - CEO briefing.md', '# {{week.label}}\n\n{{shout summary}}\n');
  const from = Notice.messages.length;
  await generate('2026-W10');
  const notice = await host.notice(/^Briefing written to/, from);
  expect(notice).toBe(`Briefing written to ${PAGE}. Template Briefings/Template - CEO briefing.md, line 3: unknown helper "shout" (the briefing helpers are money, signedMoney, pct, days, signedDays, date, table, cell, inline, eq, gt, add). The default template was used instead.`);
  await waitFor(() => host.app.workspace.getActiveFile()?.path === PAGE, 'the page to open');
  expect(host.read(PAGE)).toContain('# CEO Briefing - Week 2026-W10');
});

it('refuses a week that is not one in the modal, and a future week with a notice', async () => {
  await pluginOnSeededVault();
  const modal = await generate('2026-10');
  expect(host.app.openModals).toEqual([modal]);
  expect(modal.contentEl.getText()).toContain('"2026-10" is not a week: write it like 2026-W05.');
  modal.close();

  const from = Notice.messages.length;
  await generate('2099-W01');
  expect(await host.notice(/has not started yet/, from)).toBe('2099-W01 has not started yet; pick this week or an earlier one.');
  await new Promise((r) => setTimeout(r, 100));
  expect(Notice.messages.slice(from).some((m) => m.startsWith('Briefing written'))).toBe(false);
  expect(host.app.vault.getFileByPath('Briefings/CEO-2099-W01.md')).toBeNull();
});
