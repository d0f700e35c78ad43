import { Setting } from 'obsidian';
import { isAccountingError } from '../accounting/accounting-error';
import { odooConfigFrom } from '../accounting/open-accounting';
import { connectOdoo } from '../accounting/odoo/odoo-connection';
import { PROTOCOL_LABELS } from '../accounting/odoo/odoo-rpc';
import type { SecretsPort } from '../core/secrets';
import type { Settings } from '../core/settings';

export interface ConnectionTestResult {
  ok: boolean;
  /** One line for the settings tab: what answered, or the plain cause of the failure. */
  message: string;
}

/**
 * Connects to Odoo with the settings as they are now (and the key from
 * secret storage), logs in, and says what answered: "Connected: Odoo 17.0
 * over XML-RPC as admin", or why not (wrong address, database, user or key,
 * timeout), in the words of AccountingError.describe().
 */
export async function testOdooConnection(settings: Settings, secrets: SecretsPort): Promise<ConnectionTestResult> {
  try {
    const config = await odooConfigFrom(settings, secrets);
    if (!config) return { ok: false, message: 'No Odoo address is set, so the books are kept in the vault. Enter the address above to connect.' };
    const rpc = await connectOdoo(config);
    const who = config.username || `user ${rpc.uid}`;
    return { ok: true, message: `Connected: Odoo ${rpc.version.label} over ${PROTOCOL_LABELS[rpc.protocol]} as ${who}` };
  } catch (error) {
    if (isAccountingError(error)) return { ok: false, message: error.describe() };
    return { ok: false, message: `The connection test failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const IDLE_TEXT = 'Checks the address, database, username and API key above by logging in to Odoo.';

/**
 * The "Test connection" row of the Odoo section. The result stays on the
 * row as its description, so it can be read (and copied) after the click.
 */
export function addConnectionTestSetting(containerEl: HTMLElement, run: () => Promise<ConnectionTestResult>): Setting {
  const setting = new Setting(containerEl).setName('Test connection').setDesc(IDLE_TEXT);
  setting.addButton((button) =>
    button.setButtonText('Test connection').onClick(async () => {
      button.setDisabled(true);
      button.setButtonText('Testing…');
      setting.setDesc('Connecting…');
      setting.settingEl.removeClass('ai-employee-connection-ok', 'ai-employee-connection-failed');
      try {
        const result = await run();
        setting.setDesc(result.message);
        setting.settingEl.addClass(result.ok ? 'ai-employee-connection-ok' : 'ai-employee-connection-failed');
      } finally {
        button.setDisabled(false);
        button.setButtonText('Test connection');
      }
    }),
  );
  return setting;
}
