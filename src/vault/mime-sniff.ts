import { extension } from '../core/paths';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  eml: 'message/rfc822',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Leading bytes of common formats. Office files are zip archives, so zip only says "zip". */
const MAGIC: ReadonlyArray<{ mime: string; bytes: number[]; offset?: number }> = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { mime: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { mime: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { mime: 'audio/ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
];

/** A file's type, and how sure the guess is. */
export interface MimeGuess {
  /** The best guess: the content's signature when known, else the extension's type. */
  mime: string;
  /** What the guess rests on. */
  by: 'content' | 'extension' | 'unknown';
  /** Set when the content says one type and the name another (e.g. a PNG named .pdf). */
  mismatch?: { byExtension: string; byContent: string };
}

function sniff(bytes: Uint8Array): string | null {
  for (const sig of MAGIC) {
    const start = sig.offset ?? 0;
    if (bytes.length < start + sig.bytes.length) continue;
    if (sig.bytes.every((b, i) => bytes[start + i] === b)) return sig.mime;
  }
  return null;
}

/** Guesses a file's type from its name and its first bytes. */
export function guessMime(name: string, bytes: Uint8Array): MimeGuess {
  const byExtension = BY_EXTENSION[extension(name)] ?? null;
  const byContent = sniff(bytes);
  if (byContent) {
    // Office documents are zips: trust the extension to say which kind.
    if (byContent === 'application/zip' && byExtension && /openxml|opendocument/.test(byExtension)) {
      return { mime: byExtension, by: 'extension' };
    }
    const mismatch = byExtension && byExtension !== byContent ? { byExtension, byContent } : undefined;
    return mismatch ? { mime: byContent, by: 'content', mismatch } : { mime: byContent, by: 'content' };
  }
  if (byExtension) return { mime: byExtension, by: 'extension' };
  return { mime: 'application/octet-stream', by: 'unknown' };
}
