import type { IncomingMessage } from 'node:http';
import { AuthError, CREDENTIALS_HINT } from './auth-error';
import type { AccessKeys, StoredCredentials } from './credentials';
import { adminArn, assumedRoleArn, roleArn, type Principal } from './principals';
import { openRoleSession } from './sessions';
import { claimsSigV2, sigV4ClaimOf, type SigV4Claim } from './sigv4-request';
import { verifySignature } from './verify-signature';

export interface AuthenticatorOptions {
  credentials: StoredCredentials;
  accountId: string;
  /** `framefarm up --accept-any-credentials`: any key pair, no signature check. */
  acceptAnyCredentials?: boolean;
  now?: () => number;
}

/** The request's signature claim (undefined when unsigned); throws for SigV2 or a malformed claim. */
export function claimOf(req: IncomingMessage): SigV4Claim | undefined {
  if (claimsSigV2(req)) {
    throw new AuthError(
      'unsupported-algorithm',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256 (for the aws CLI v1: `aws configure set default.s3.signature_version s3v4`).',
    );
  }
  return sigV4ClaimOf(req);
}

/** Who may sign requests to this stack, and the check that they did. */
export class Authenticator {
  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  get acceptsAnyCredentials(): boolean {
    return this.options.acceptAnyCredentials === true;
  }

  /** The key pair and principal behind an access key id, as this stack knows them. */
  private keysOf(claim: SigV4Claim): { keys: AccessKeys; principal: Principal } {
    const { credentials, accountId } = this.options;
    if (claim.accessKeyId === credentials.accessKeyId) {
      if (claim.sessionToken) throw new AuthError('invalid-token', `The security token included in the request is invalid: long-term keys take no session token. ${CREDENTIALS_HINT}`);
      return {
        keys: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
        principal: { kind: 'admin', accessKeyId: claim.accessKeyId, arn: adminArn(accountId) },
      };
    }
    if (claim.accessKeyId.startsWith('ASIA') && claim.sessionToken) {
      const session = openRoleSession(credentials, claim.accessKeyId, claim.sessionToken);
      if (!session) throw new AuthError('invalid-token', `The security token included in the request is invalid. ${CREDENTIALS_HINT}`);
      if (session.expiresAt <= this.now()) throw new AuthError('expired-token', 'The security token included in the request is expired. Get new role credentials (`aws sts assume-role`).');
      return {
        keys: { accessKeyId: claim.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: claim.sessionToken },
        principal: {
          kind: 'role',
          accessKeyId: claim.accessKeyId,
          roleName: session.roleName,
          roleArn: roleArn(accountId, session.roleName),
          sessionName: session.sessionName,
          arn: assumedRoleArn(accountId, session.roleName, session.sessionName),
          expiresAt: session.expiresAt,
        },
      };
    }
    throw new AuthError('unknown-key', `The access key id ${claim.accessKeyId} is not one this local stack issued. ${CREDENTIALS_HINT}`);
  }

  /** Verifies the claim against the request (and its body, when the payload hash is not declared). */
  async authenticate(req: IncomingMessage, claim: SigV4Claim | undefined, body: Buffer | undefined): Promise<Principal> {
    if (!claim) throw new AuthError('missing', `The request is not signed. ${CREDENTIALS_HINT}`);
    if (this.acceptsAnyCredentials) return { kind: 'anyone', accessKeyId: claim.accessKeyId, arn: adminArn(this.options.accountId) };
    const { keys, principal } = this.keysOf(claim);
    await verifySignature(req, claim, keys, body, this.now());
    return principal;
  }
}
