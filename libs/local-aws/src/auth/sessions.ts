import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { mac, newAccessKeyId, type AccessKeys, type StoredCredentials } from './credentials';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

/** What a session token vouches for: which role, which session, until when. */
export interface RoleSession {
  roleName: string;
  sessionName: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const tokenPayload = z.object({ k: z.string(), r: z.string(), s: z.string(), e: z.number() });

/**
 * Temporary credentials that need no storage: the session token carries the role, the session
 * name and the expiry, sealed with the stack's session key, and the secret is derived from the
 * token. They stay valid across restarts of the same stack and nowhere else.
 */
export function issueRoleSession(stack: StoredCredentials, session: RoleSession): AccessKeys & { expiration: Date } {
  const accessKeyId = newAccessKeyId('ASIA');
  const payload = Buffer.from(JSON.stringify({ k: accessKeyId, r: session.roleName, s: session.sessionName, e: session.expiresAt })).toString('base64url');
  const sessionToken = `${payload}.${mac(stack.sessionKey, `token|${payload}`)}`;
  return { accessKeyId, secretAccessKey: sessionSecret(stack, sessionToken), sessionToken, expiration: new Date(session.expiresAt) };
}

function sessionSecret(stack: StoredCredentials, sessionToken: string): string {
  return mac(stack.sessionKey, `secret|${sessionToken}`).slice(0, 40);
}

/** The session a token vouches for, with its derived secret; undefined when the token is not one this stack issued for that key. */
export function openRoleSession(stack: StoredCredentials, accessKeyId: string, sessionToken: string): (RoleSession & { secretAccessKey: string }) | undefined {
  const [payload, seal, extra] = sessionToken.split('.');
  if (!payload || !seal || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(stack.sessionKey, `token|${payload}`));
  const given = Buffer.from(seal);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let parsed;
  try {
    parsed = tokenPayload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
  if (parsed.k !== accessKeyId) return undefined;
  return { roleName: parsed.r, sessionName: parsed.s, expiresAt: parsed.e, secretAccessKey: sessionSecret(stack, sessionToken) };
}
