import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import type { StoredCredentials } from '../auth/credentials';
import { assumedRoleArn, type Principal } from '../auth/principals';
import { issueRoleSession } from '../auth/sessions';
import { parseQuery } from '../auth/sigv4-request';
import { readBody } from '../edge/read-body';
import { sendQueryError } from '../edge/error-replies';
import { principalOf } from '../edge/request-principal';
import { denialMessage } from '../iam/authorize';
import type { LocalRole } from '../iam/local-roles';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

const assumeRoleParams = z.object({
  RoleArn: z.string().check(z.minLength(20), z.maxLength(2048)),
  RoleSessionName: z.string().check(z.regex(/^[\w+=,.@-]{2,64}$/, 'RoleSessionName must be 2 to 64 characters of letters, digits and +=,.@-')),
  DurationSeconds: z._default(z.coerce.number().check(z.int(), z.gte(900), z.lte(43200)), 3600),
});

/** A stable, AWS-shaped unique id (`AROA…` for roles, `AIDA…` for users) derived from a name. */
const uniqueId = (kind: 'AROA' | 'AIDA', name: string): string => kind + createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase();

function reply(res: ServerResponse, action: string, result: string): void {
  const body = `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
  res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export interface StsServiceOptions {
  credentials: StoredCredentials;
  accountId: string;
  roles: Map<string, LocalRole>;
  now?: () => number;
}

function callerIdentity(principal: Principal, accountId: string): string {
  const userId = principal.kind === 'role' ? `${uniqueId('AROA', principal.roleArn)}:${principal.sessionName}` : uniqueId('AIDA', principal.arn);
  return `<Arn>${escapeXml(principal.arn)}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${accountId}</Account>`;
}

/**
 * STS (awsQuery): GetCallerIdentity, and AssumeRole for the stack's job roles, so a developer
 * can act as a job (`aws sts assume-role --role-arn arn:aws:iam::000000000000:role/framefarm-render-job-role`).
 * Whether a role principal may call AssumeRole is IAM's decision at the edge (job roles may not).
 */
export function createStsService(options: StsServiceOptions) {
  const now = options.now ?? Date.now;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const principal = principalOf(req);
    const body = (await readBody(req, 64 * 1024)).toString('utf8');
    const params = new Map(parseQuery(body.replace(/\+/g, '%20')));
    const action = params.get('Action');
    if (!principal) return sendQueryError(res, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    if (action === 'GetCallerIdentity') return reply(res, action, callerIdentity(principal, options.accountId));
    if (action === 'AssumeRole') {
      const parsed = assumeRoleParams.safeParse(Object.fromEntries(params));
      if (!parsed.success) return sendQueryError(res, 400, 'ValidationError', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const { RoleArn, RoleSessionName, DurationSeconds } = parsed.data;
      const role = [...options.roles.values()].find((r) => r.roleArn === RoleArn);
      if (!role) {
        const known = [...options.roles.values()].map((r) => r.roleArn).join(', ');
        return sendQueryError(res, 403, 'AccessDenied', `${denialMessage(principal.arn, 'sts:AssumeRole', RoleArn)}. The local stack's roles are: ${known}.`);
      }
      const session = issueRoleSession(options.credentials, { roleName: role.roleName, sessionName: RoleSessionName, expiresAt: now() + DurationSeconds * 1000 });
      const arn = assumedRoleArn(options.accountId, role.roleName, RoleSessionName);
      return reply(
        res,
        action,
        `<AssumedRoleUser><AssumedRoleId>${uniqueId('AROA', role.roleArn)}:${escapeXml(RoleSessionName)}</AssumedRoleId><Arn>${escapeXml(arn)}</Arn></AssumedRoleUser>` +
          `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(session.secretAccessKey)}</SecretAccessKey>` +
          `<SessionToken>${escapeXml(session.sessionToken as string)}</SessionToken><Expiration>${session.expiration.toISOString()}</Expiration></Credentials>`,
      );
    }
    return sendQueryError(res, 400, 'InvalidAction', `The local STS serves GetCallerIdentity and AssumeRole, not "${action ?? ''}".`);
  };
}
