import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { AuthorizationRequest, Authorizer } from '../edge/edge-server';
import type { LocalRole } from './local-roles';
import { requiredPermissions, UnmappedRequestError, type ArnContext } from './request-actions';

/** Actions AWS allows every caller regardless of policy. */
const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity']);

/** AWS's denial message: who, which action, which resource, why. */
export function denialMessage(callerArn: string, action: string, resource: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

/**
 * IAM for role credentials: each request is mapped to the actions and resources AWS checks for
 * it, and every one must be allowed by the role's identity policy, as evaluated by
 * `@cloud-copilot/iam-simulate`. Admin credentials are not checked (see the edge).
 */
export function createRoleAuthorizer(roles: Map<string, LocalRole>, arns: ArnContext): Authorizer {
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
    for (const { action, resource, context } of permissions) {
      if (ALWAYS_ALLOWED.has(action)) continue;
      if (!role) return denialMessage(principal.arn, action, resource);
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
      if (result.resultType === 'error') {
        return `${denialMessage(principal.arn, action, resource)} (the policy simulator refused the request: ${JSON.stringify(result.errors).slice(0, 300)})`;
      }
      if (result.overallResult !== 'Allowed') return denialMessage(principal.arn, action, resource);
    }
    return undefined;
  };
}
