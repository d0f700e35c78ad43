/**
 * Addresses of an Odoo server: where to send a request, and how to name the
 * server in a message (never with the `user:password@` a URL may carry).
 */

/** `https://user:pw@host:8069/` → `https://host:8069`: safe for messages and logs. */
export function displayAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    // Not a URL at all: drop anything that looks like credentials and any query.
    return url.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '');
  }
}

/** The base URL (no trailing slash) joined with an absolute path such as `/jsonrpc`. */
export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** The password part of `https://user:password@host`, which must be scrubbed like the API key. */
export function urlPassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}
