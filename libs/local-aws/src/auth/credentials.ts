import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

/** An access key pair as the SDKs take it. */
export interface AccessKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where a stack keeps its admin key pair, under its state directory. */
export const CREDENTIALS_FILE = 'credentials.json';

const storedCredentials = z.object({
  accessKeyId: z.string().check(z.regex(/^AKIA[A-Z2-7]{16}$/)),
  secretAccessKey: z.string().check(z.minLength(40)),
  /** Signs the session tokens of temporary (role) credentials; never leaves the stack. */
  sessionKey: z.string().check(z.minLength(32)),
});
export type StoredCredentials = z.infer<typeof storedCredentials>;

export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** An access key id in AWS's shape: a 4-letter kind (`AKIA` long-term, `ASIA` temporary) and 16 base32 characters. */
export function newAccessKeyId(kind: 'AKIA' | 'ASIA'): string {
  return kind + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('');
}

export function credentialsPath(stateDir: string): string {
  return join(stateDir, CREDENTIALS_FILE);
}

/** The stack's admin credentials, or undefined when the state directory has none (yet). */
export function readStackCredentials(stateDir: string): StoredCredentials | undefined {
  const file = credentialsPath(stateDir);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CredentialsFileError(`${file} is not readable JSON (${(err as Error).message}); delete it and restart the stack to get new credentials.`);
  }
  const result = storedCredentials.safeParse(parsed);
  if (!result.success) throw new CredentialsFileError(`${file} is not a framefarm credentials file; delete it and restart the stack to get new credentials.`);
  return result.data;
}

/**
 * The stack's admin key pair: created on first start (readable by this user only, mode 0600),
 * the same on every later start from the same state directory.
 */
export function loadOrCreateStackCredentials(stateDir: string): StoredCredentials {
  const existing = readStackCredentials(stateDir);
  if (existing) {
    chmodSync(credentialsPath(stateDir), 0o600);
    return existing;
  }
  mkdirSync(stateDir, { recursive: true });
  const created: StoredCredentials = {
    accessKeyId: newAccessKeyId('AKIA'),
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionKey: randomBytes(32).toString('base64'),
  };
  // `wx`: two stacks starting on one directory at once must not hand out different keys.
  try {
    writeFileSync(credentialsPath(stateDir), `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readStackCredentials(stateDir) as StoredCredentials;
    throw err;
  }
  return created;
}

/** HMAC-SHA256 in base64url: what session tokens and derived secrets are made of. */
export function mac(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}
