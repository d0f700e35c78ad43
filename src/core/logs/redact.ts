import { isoWithOffset } from '../clock';
import { SecretRegistry } from './secret-registry';

export { SecretRegistry };

/** What replaces a credential in every log line. */
export const REDACTED = '[REDACTED]';

/** What {@link redact} masks beyond its built-in rules, and how deep it goes. */
export interface RedactOptions {
  /** Exact credential values (API keys, passwords) to mask wherever they appear in a string. */
  secrets?: SecretRegistry;
  /** Nesting below this depth is replaced by `[Truncated]`. Default 8. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 8;

/** Keys whose value is a credential whatever it looks like (compared lower-case, `-` read as `_`). */
const SECRET_KEYS = new Set([
  'password', 'passwd', 'pwd', 'secret', 'token', 'api_key', 'apikey', 'access_token', 'refresh_token',
  'id_token', 'authorization', 'proxy_authorization', 'cookie', 'set_cookie', 'private_key', 'privatekey',
  'client_secret', 'clientsecret', 'bearer',
]);

/**
 * Keys that end like a credential but name something that is not one. An
 * idempotency key in particular must stay readable: it is how a user matches a
 * retried invoice or e-mail to its first attempt.
 */
const NOT_SECRET_KEYS = new Set([
  'idempotency_key', 'idempotencykey', 'public_key', 'publickey', 'sort_key', 'sortkey', 'cache_key', 'cachekey',
  'primary_key', 'foreign_key', 'partition_key', 'dedupe_key', 'dedupekey', 'lookup_key', 'next_page_token',
]);

/** True when a value stored under `key` must never be written to a log. */
export function isSecretKey(key: string): boolean {
  const norm = key.toLowerCase().replace(/-/g, '_');
  if (NOT_SECRET_KEYS.has(norm)) return false;
  if (SECRET_KEYS.has(norm)) return true;
  // snake_case / SCREAMING_CASE / kebab-case suffixes: ODOO_API_KEY, smtp_password, x-auth-token
  if (/_(key|token|secret|password|passwd)$/.test(norm)) return true;
  // camelCase suffixes: apiKey, accessToken, clientSecret, smtpPassword (not "monkey" or "tokens")
  if (/[a-z0-9](Key|Token|Secret|Password|Passwd)$/.test(key)) return true;
  return norm.endsWith('password') || norm.endsWith('authorization');
}

const CREDENTIAL_WORD = String.raw`[A-Za-z0-9_-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)`;

/** Patterns that carry a credential inside free text, and how to mask each. */
const STRING_RULES: ReadonlyArray<[RegExp, string]> = [
  // Header lines: everything after the colon is the credential.
  [/\b((?:Proxy-)?Authorization)(\s*[:=]\s*)[^\r\n]+/gi, `$1$2${REDACTED}`],
  [/\b((?:Set-)?Cookie|X-Api-Key|X-Auth-Token|X-Access-Token)(\s*:\s*)[^\r\n]+/gi, `$1$2${REDACTED}`],
  // A real token is long; the length keeps "the bearer of bad news" readable.
  [/\b(Bearer)\s+[^\s"',;<>]{8,}/gi, `$1 ${REDACTED}`],
  // user:password@host in any URL: keep the user (useful), hide the password.
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi, `$1$2:${REDACTED}@`],
  // password=…, ?access_token=… in messages, query strings and config dumps
  [new RegExp(String.raw`\b(${CREDENTIAL_WORD})(\s*=\s*)(?!\[REDACTED\])[^\s&"',;}]+`, 'gi'), `$1$2${REDACTED}`],
  // "api_key": "…" in JSON text quoted inside a message
  [new RegExp(String.raw`("${CREDENTIAL_WORD}"\s*:\s*")(?:[^"\\]|\\.)*"`, 'gi'), `$1${REDACTED}"`],
];

/** Masks registered secrets and credential-looking fragments in one piece of text. */
export function redactString(text: string, secrets?: SecretRegistry): string {
  let out = secrets ? secrets.mask(text, REDACTED) : text;
  for (const [pattern, replacement] of STRING_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A deep copy of `value` that is safe to write to a log: values under
 * credential-like keys become `[REDACTED]`, credential-looking text is masked,
 * Errors become `{ name, message }` (never their stack or attached request),
 * Dates become ISO 8601 with offset, and cycles and deep nesting are cut.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Only the objects on the current path: a shared (non-cyclic) object is copied each time it appears.
  const ancestors = new WeakSet<object>();

  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return redactString(node, options.secrets);
    if (node === null || typeof node !== 'object') return scalar(node);
    if (node instanceof Date) return Number.isNaN(node.getTime()) ? 'Invalid Date' : isoWithOffset(node);
    if (node instanceof Error) {
      return { name: redactString(node.name, options.secrets), message: redactString(node.message, options.secrets) };
    }
    if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) return `[Binary ${node.byteLength} bytes]`;
    if (ancestors.has(node)) return '[Circular]';
    if (depth >= maxDepth) return '[Truncated]';
    ancestors.add(node);
    try {
      if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
      if (node instanceof Set) return [...node].map((item) => walk(item, depth + 1));
      const entries: Iterable<[unknown, unknown]> = node instanceof Map ? node.entries() : Object.entries(node);
      const out: Record<string, unknown> = {};
      for (const [rawKey, child] of entries) {
        const key = String(rawKey);
        out[key] = isSecretKey(key) && child !== null && child !== undefined ? REDACTED : walk(child, depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(node);
    }
  };

  return walk(value, 0);
}

/** Like {@link redact} for a record, always giving a record back. */
export function redactRecord(value: Record<string, unknown> | undefined, options: RedactOptions = {}): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  const out = redact(value, options);
  return typeof out === 'object' && out !== null && !Array.isArray(out) ? (out as Record<string, unknown>) : { value: out };
}

function scalar(node: unknown): unknown {
  switch (typeof node) {
    case 'bigint':
      return node.toString();
    case 'symbol':
      return node.toString();
    case 'function':
      return '[Function]';
    case 'number':
      // JSON would turn these into null and lose what went wrong.
      return Number.isFinite(node) ? node : String(node);
    default:
      return node;
  }
}
