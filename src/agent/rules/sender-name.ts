/**
 * The name inside a sender string, the last resort for a client or vendor
 * when the message itself names nobody: `+1 555 0100 (Client ABC)`,
 * `Paper Supplies Ltd <ap@paper-supplies.example>`, `Sam Lee`. A display name
 * that is only a role ("Accounts", "Billing") says nothing, so the sender's
 * own domain is used instead: `accounts@paper-supplies.example` → "Paper Supplies".
 */
import { readName, titleCase } from './name-run';

/** Mail providers: their domain is the mailbox's host, not the sender's business. */
const MAIL_PROVIDERS = new Set(['gmail', 'googlemail', 'yahoo', 'outlook', 'hotmail', 'live', 'msn', 'icloud', 'me', 'aol', 'proton', 'protonmail', 'gmx', 'zoho', 'mail', 'yandex', 'fastmail']);

/** Second-level labels of country domains like `co.uk` or `com.au`. */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'ltd', 'plc']);

/** `accounts@mail.paper-supplies.co.uk` → `Paper Supplies`; null for mail providers. */
function domainName(address: string): string | null {
  const host = /@([A-Za-z0-9.-]+)/.exec(address)?.[1]?.toLowerCase();
  if (!host) return null;
  const labels = host.split('.').filter((l) => l !== '');
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1] ?? '')) labels.pop();
  const label = labels.pop();
  if (!label || MAIL_PROVIDERS.has(label)) return null;
  const name = titleCase(label);
  return name.length >= 2 ? name : null;
}

/** The business or person a sender string names, or null. */
export function senderName(sender: string): string | null {
  // A sender is a line, not a letter: anything longer is not worth reading.
  const from = sender.slice(0, 300);
  const inParentheses = /\(([^()]+)\)/.exec(from)?.[1];
  if (inParentheses) {
    const name = readName(inParentheses.trim());
    if (name) return name;
  }
  const angle = from.indexOf('<');
  const display = angle > 0 ? from.slice(0, angle).trim().replace(/^["']|["']$/g, '') : '';
  if (display) {
    const name = readName(display);
    if (name) return name;
  }
  if (from.includes('@')) return domainName(from);
  // A bare display name ("Sam Lee"), but not a phone number.
  return /\d/.test(from) ? null : readName(from.trim());
}
