import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthError } from './auth-error';
import { Authenticator } from './authenticator';
import { credentialsPath, loadOrCreateStackCredentials } from './credentials';
import { issueRoleSession, openRoleSession } from './sessions';

describe('stack credentials and role sessions', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ff-creds-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key pair once, mode 0600, and reads the same one back', () => {
    const first = loadOrCreateStackCredentials(dir);
    expect(statSync(credentialsPath(dir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateStackCredentials(dir)).toEqual(first);
    expect(loadOrCreateStackCredentials(join(dir, 'other')).accessKeyId).not.toBe(first.accessKeyId);
  });

  it('opens only the session tokens it sealed, for their own key', () => {
    const stack = loadOrCreateStackCredentials(dir);
    const session = issueRoleSession(stack, { roleName: 'framefarm-render-job-role', sessionName: 'job-1', expiresAt: 2_000_000_000_000 });
    expect(openRoleSession(stack, session.accessKeyId, session.sessionToken as string)).toEqual({
      roleName: 'framefarm-render-job-role',
      sessionName: 'job-1',
      expiresAt: 2_000_000_000_000,
      secretAccessKey: session.secretAccessKey,
    });
    const [payload, seal] = (session.sessionToken as string).split('.');
    const forged = Buffer.from(JSON.stringify({ k: session.accessKeyId, r: 'admin', s: 'job-1', e: 2_000_000_000_000 })).toString('base64url');
    expect(openRoleSession(stack, session.accessKeyId, `${forged}.${seal}`)).toBeUndefined();
    expect(openRoleSession(stack, 'ASIAAAAAAAAAAAAAAAAA', `${payload}.${seal}`)).toBeUndefined();
    const otherStack = loadOrCreateStackCredentials(join(dir, 'other'));
    expect(openRoleSession(otherStack, session.accessKeyId, session.sessionToken as string)).toBeUndefined();
  });

  it('refuses an expired session token before looking at the signature', async () => {
    const stack = loadOrCreateStackCredentials(dir);
    const session = issueRoleSession(stack, { roleName: 'r', sessionName: 's', expiresAt: 1_000 });
    const authenticator = new Authenticator({ credentials: stack, accountId: '000000000000', now: () => 2_000 });
    const claim = { presigned: false, accessKeyId: session.accessKeyId, date: '19700101', region: 'us-east-1', service: 's3', signedHeaders: ['host'], signature: '0', amzDate: '19700101T000002Z', sessionToken: session.sessionToken };
    const failure = await authenticator.authenticate({ headers: {} } as IncomingMessage, claim, undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthError);
    expect(failure).toMatchObject({ failure: 'expired-token' });
  });
});
