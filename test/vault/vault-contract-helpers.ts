import { parse } from 'yaml';
import { VaultError, type VaultErrorCode, type VaultPort } from '../../src/vault/vault-port';

/** One vault implementation, fresh for each case, over a temporary folder. */
export interface VaultHarness {
  vault: VaultPort;
  basePath: string;
  /** Writes straight to disk, as another program (a sync client, the user's file manager) would. */
  dropFile(path: string, content: string | Buffer): Promise<void>;
  cleanup(): Promise<void>;
}

/** The first bytes of a PNG: not valid UTF-8. */
export const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);
/** Spaces, accents, a dash, #, brackets and an emoji. */
export const ODD_NAME = 'Inbox/Café déjà vu — 1 #2 [draft] (copy) 🚀.md';

/** Awaits a call that must fail with a `VaultError` of this code, and returns the error. */
export async function expectVaultError(promise: Promise<unknown>, code: VaultErrorCode): Promise<VaultError> {
  const error: unknown = await promise.then(
    () => new Error('expected a VaultError, but the call succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

/** The YAML frontmatter of a note, parsed independently of the code under test. */
export function frontmatterOf(content: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(content);
  return match ? (parse(match[1] ?? '') as Record<string, unknown>) : {};
}

/** Waits until `check` passes or `ms` is up (then fails with its last error). */
export async function eventually(check: () => void, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
