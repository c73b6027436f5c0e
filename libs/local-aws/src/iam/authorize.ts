import type { AuthorizationRequest, Authorizer } from '../edge/edge-server';
import { DecisionCache, type Verdict } from './decision-cache';
import type { LocalRole } from './local-roles';
import { requiredPermissions, UnmappedRequestError, type ArnContext, type RequiredPermission } from './request-actions';

/** The policy simulator, loaded at a job's first request rather than by every command that imports this library (as s3rver, see s3-service.ts). */
const loadSimulator = () => require('@cloud-copilot/iam-simulate') as typeof import('@cloud-copilot/iam-simulate');

/** Actions AWS allows every caller regardless of policy. */
const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity']);

/** The account of an ARN (`arn:aws:sts::<account>:assumed-role/…`). */
const accountOf = (arn: string): string => arn.split(':')[4] ?? '';

/** AWS's denial message: who, which action, which resource, why. */
export function denialMessage(callerArn: string, action: string, resource: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

/**
 * IAM for role credentials: each request is mapped to the actions and resources AWS checks for
 * it, and every one must be allowed by the role's identity policy, as evaluated by
 * `@cloud-copilot/iam-simulate`. Admin credentials are not checked (see the edge).
 */
export function createRoleAuthorizer(roles: Map<string, LocalRole>, arns: ArnContext, decisions = new DecisionCache()): Authorizer {
  // The same role, action, resource and context always get the same answer (decision-cache.ts):
  // jobs repeat the same few requests (log events, item updates, job lookups), and each
  // simulation costs about a millisecond.
  const simulate = async (role: LocalRole, principal: { arn: string; roleArn: string }, { action, resource, context }: RequiredPermission): Promise<Verdict> => {
    const { runSimulation } = loadSimulator();
    const result = await runSimulation(
      {
        identityPolicies: [{ name: `${role.roleName}-policy`, policy: role.policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action,
          principal: principal.arn,
          resource: { accountId: arns.accountId, resource },
          contextVariables: { 'aws:PrincipalArn': principal.roleArn, ...(context ?? {}) },
        },
      },
      {},
    );
    if (result.resultType === 'error') return { kind: 'error', errors: JSON.stringify(result.errors).slice(0, 300) };
    return result.overallResult === 'Allowed' ? { kind: 'allowed' } : { kind: 'denied' };
  };
  return async (request: AuthorizationRequest) => {
    const { principal } = request;
    if (principal.kind !== 'role') return undefined;
    let permissions;
    try {
      permissions = requiredPermissions(request, arns);
    } catch (err) {
      if (err instanceof UnmappedRequestError) return `User: ${principal.arn} is not authorized to perform ${err.message}: the local stack does not know which IAM action that is, so only admin credentials may.`;
      throw err;
    }
    const role = roles.get(principal.roleName);
    for (const permission of permissions) {
      const { action, resource } = permission;
      if (ALWAYS_ALLOWED.has(action)) continue;
      if (!role) return denialMessage(principal.arn, action, resource);
      const key = decisions.key(role, accountOf(principal.arn), permission);
      let verdict = key === undefined ? undefined : decisions.get(key);
      if (verdict === undefined) {
        verdict = await simulate(role, principal, permission);
        // A simulator error is not cached: its message may name this caller.
        if (key !== undefined && verdict.kind !== 'error') decisions.set(key, verdict);
      }
      if (verdict.kind === 'error') {
        return `${denialMessage(principal.arn, action, resource)} (the policy simulator refused the request: ${verdict.errors})`;
      }
      if (verdict.kind === 'denied') return denialMessage(principal.arn, action, resource);
    }
    return undefined;
  };
}
