/**
 * Where credentials come from: Obsidian's SecretStorage in the plugin, the
 * environment (or an env file) headless. Names are the spec's variable names
 * (`ODOO_API_KEY`, `EMAIL_PASSWORD`, …); the plugin maps them to secret ids.
 */
export interface SecretsPort {
  get(name: SecretName): Promise<string | undefined>;
}

export const SECRET_NAMES = [
  'ODOO_URL',
  'ODOO_DB',
  'ODOO_USERNAME',
  'ODOO_API_KEY',
  'ODOO_PROTOCOL',
  'EMAIL_ADDRESS',
  'EMAIL_PASSWORD',
  'SMTP_HOST',
  'SMTP_PORT',
  'IMAP_HOST',
  'IMAP_PORT',
  'TWITTER_API_KEY',
  'TWITTER_API_SECRET',
  'TWITTER_ACCESS_TOKEN',
  'TWITTER_ACCESS_SECRET',
  'TWITTER_BEARER_TOKEN',
  'FACEBOOK_PAGE_ID',
  'FACEBOOK_ACCESS_TOKEN',
  'INSTAGRAM_USER_ID',
  'INSTAGRAM_ACCESS_TOKEN',
  'LINKEDIN_ACCESS_TOKEN',
  'LINKEDIN_AUTHOR_URN',
  'CEO_ALERT_EMAIL',
  'LLM_API_KEY',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

/** Names whose values are credentials: they are registered for redaction in every log. */
export const CREDENTIAL_NAMES: readonly SecretName[] = [
  'ODOO_API_KEY',
  'EMAIL_PASSWORD',
  'TWITTER_API_KEY',
  'TWITTER_API_SECRET',
  'TWITTER_ACCESS_TOKEN',
  'TWITTER_ACCESS_SECRET',
  'TWITTER_BEARER_TOKEN',
  'FACEBOOK_ACCESS_TOKEN',
  'INSTAGRAM_ACCESS_TOKEN',
  'LINKEDIN_ACCESS_TOKEN',
  'LLM_API_KEY',
];

/** Secrets from a plain map, e.g. `process.env` merged with an env file. */
export class MapSecrets implements SecretsPort {
  constructor(private readonly values: Readonly<Record<string, string | undefined>>) {}

  get(name: SecretName): Promise<string | undefined> {
    const value = this.values[name];
    return Promise.resolve(value === undefined || value === '' ? undefined : value);
  }
}
