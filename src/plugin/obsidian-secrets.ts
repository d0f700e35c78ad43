import type { App } from 'obsidian';
import type { SecretName, SecretsPort } from '../core/secrets';
import type { Settings } from '../core/settings';

/**
 * Secrets from Obsidian's SecretStorage. The Odoo key uses the id picked in
 * the settings tab; every other secret has a fixed id derived from its name
 * (`EMAIL_PASSWORD` → `ai-employee-email-password`).
 */
export class ObsidianSecrets implements SecretsPort {
  constructor(
    private readonly app: App,
    private readonly settings: () => Settings,
  ) {}

  get(name: SecretName): Promise<string | undefined> {
    const id = name === 'ODOO_API_KEY' ? this.settings().odoo.apiKeySecretId : secretIdFor(name);
    if (id === '') return Promise.resolve(undefined);
    const value = this.app.secretStorage.getSecret(id);
    return Promise.resolve(value === null || value === '' ? undefined : value);
  }
}

export function secretIdFor(name: SecretName): string {
  return `ai-employee-${name.toLowerCase().replace(/_/g, '-')}`;
}
