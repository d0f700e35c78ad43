import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { UsageError } from './usage-error';

/** Reads a dotenv file (KEY=value lines) into a map; a missing or unreadable file is a usage error. */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Cannot read the env file ${path}: ${reason}`);
  }
  return parseEnv(text) as Record<string, string>;
}
