/**
 * The settings tab's "Test connection" button in the fake Obsidian host,
 * against the test Odoo server on 127.0.0.1: it logs in with the settings as
 * they are and the key from secret storage, is disabled while it runs, and
 * leaves the answer on the row: who answered, or the plain cause.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeOdoo } from '../odoo/fake-odoo';
import type { FakeOdoo } from '../odoo/fake-odoo-types';
import { ButtonComponent, findSetting, type PluginSettingTab, type Setting } from '../fakes/obsidian';
import { AccountingHost, waitFor } from './accounting-host';

const KEY_ID = 'ai-employee-odoo-api-key';
let odoo: FakeOdoo;
let host: AccountingHost | null = null;

beforeAll(async () => {
  odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
});
afterAll(async () => {
  await odoo.close();
});
afterEach(async () => {
  await host?.cleanup();
  host = null;
});

/**
 * Opens the settings tab with these Odoo settings and key, clicks the button,
 * and returns the row once it has an answer (wrapped: a Setting has a `then`
 * method for chaining, so awaiting it bare would never settle).
 */
async function testWith(odooSettings: Record<string, unknown>, apiKey: string | null): Promise<{ row: Setting }> {
  host = new AccountingHost({ settings: { odoo: { timeoutSeconds: 5, maxRetries: 0, ...odooSettings } }, secrets: apiKey === null ? {} : { [KEY_ID]: apiKey } });
  await host.load();
  const tab = host.app.settingTabs[0] as PluginSettingTab;
  tab.display();
  const row = findSetting(tab.containerEl, 'Test connection');
  const button = row.control(ButtonComponent);
  expect(row.descEl.getText()).toMatch(/^Checks the address, database, username and API key/);
  button.simulateClick();
  // Disabled while it runs, so a second click cannot start a second test.
  expect(button.disabled).toBe(true);
  expect(button.buttonEl.getText()).toBe('Testing…');
  await waitFor(() => !button.disabled, 'the test to finish');
  expect(button.buttonEl.getText()).toBe('Test connection');
  return { row };
}

const good = () => ({ url: odoo.url, database: odoo.database, username: odoo.login });

it('says who answered when everything is right', async () => {
  const { row } = await testWith(good(), odoo.apiKey);
  expect(row.descEl.getText()).toBe('Connected: Odoo 17.0 over XML-RPC as admin');
  expect(row.settingEl.hasClass('ai-employee-connection-ok')).toBe(true);
});

it('names a wrong address: nothing listening there', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));

  const { row } = await testWith({ ...good(), url: `http://127.0.0.1:${port}` }, odoo.apiKey);
  expect(row.descEl.getText()).toMatch(new RegExp(`^Nothing answers at http://127\\.0\\.0\\.1:${port}\\b.*check the Odoo URL`));
  expect(row.settingEl.hasClass('ai-employee-connection-failed')).toBe(true);
});

it('names a wrong address: a web server that is not Odoo', async () => {
  const other = http.createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<html><body>Not here</body></html>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
  try {
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const { row } = await testWith({ ...good(), url }, odoo.apiKey);
    expect(row.descEl.getText()).toBe(`${url} answers, but not as Odoo does: is this the Odoo address?`);
  } finally {
    await new Promise<void>((r) => other.close(() => r()));
  }
});

it('names a wrong database', async () => {
  const { row } = await testWith({ ...good(), database: 'no_such_db' }, odoo.apiKey);
  expect(row.descEl.getText()).toMatch(/has no database "no_such_db": check the database name/);
});

it('names a wrong user or key, without showing the key', async () => {
  const { row } = await testWith(good(), 'wrong-key-123456');
  expect(row.descEl.getText()).toMatch(/refused the login of user 'admin'.*check the username and the API key/);
  expect(row.descEl.getText()).not.toContain('wrong-key-123456');
});

it('says when there is no address to test', async () => {
  const { row } = await testWith({}, null);
  expect(row.descEl.getText()).toBe('No Odoo address is set, so the books are kept in the vault. Enter the address above to connect.');
});
