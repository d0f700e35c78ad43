import { CREDENTIAL_NAMES, type SecretName, type SecretsPort } from '../secrets';

/** Shorter strings would mask ordinary words and digits all over the logs. */
const MIN_SECRET_LENGTH = 4;

/**
 * The credential values this process knows (API keys, passwords, tokens), so
 * that one leaking into an error message or a response body is masked before
 * the line reaches a log. The values are held in memory only.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  /** Longest first, so a secret that contains another is masked whole. */
  private ordered: string[] = [];

  /** Registers a secret; empty, missing and very short values are ignored. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string') return;
    // The forms a value takes once it is put in a URL or quoted in JSON text.
    const forms = [secret, secret.trim(), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
    let changed = false;
    for (const form of forms) {
      if (form.length < MIN_SECRET_LENGTH || this.values.has(form)) continue;
      this.values.add(form);
      changed = true;
    }
    if (changed) this.ordered = [...this.values].sort((a, b) => b.length - a.length);
  }

  /** Registers every credential the secrets port holds (by default, {@link CREDENTIAL_NAMES}). */
  async addFrom(port: SecretsPort, names: readonly SecretName[] = CREDENTIAL_NAMES): Promise<void> {
    for (const name of names) this.add(await port.get(name));
  }

  /** How many distinct strings are masked (a secret can count more than once through its encoded forms). */
  get size(): number {
    return this.values.size;
  }

  /** `text` with every registered secret replaced by `replacement`. */
  mask(text: string, replacement: string): string {
    let out = text;
    for (const secret of this.ordered) {
      if (out.includes(secret)) out = out.split(secret).join(replacement);
    }
    return out;
  }
}
