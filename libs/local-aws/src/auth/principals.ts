/** Who signed a request, once its signature is verified. */
export type Principal = AdminPrincipal | RolePrincipal | AnyonePrincipal;

/** The stack's admin key pair: not limited by any policy, like an account's administrator. */
export interface AdminPrincipal {
  kind: 'admin';
  accessKeyId: string;
  arn: string;
}

/** Temporary credentials of a role (a job's, or from sts:AssumeRole): limited by the role's policies. */
export interface RolePrincipal {
  kind: 'role';
  accessKeyId: string;
  roleName: string;
  roleArn: string;
  sessionName: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`, as AWS names the caller. */
  arn: string;
  expiresAt: number;
}

/** `--accept-any-credentials`: any key pair, signature unchecked. */
export interface AnyonePrincipal {
  kind: 'anyone';
  accessKeyId: string;
  arn: string;
}

export const ADMIN_USER_NAME = 'framefarm-local-admin';

export const roleArn = (accountId: string, roleName: string): string => `arn:aws:iam::${accountId}:role/${roleName}`;
export const assumedRoleArn = (accountId: string, roleName: string, sessionName: string): string =>
  `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
export const adminArn = (accountId: string): string => `arn:aws:iam::${accountId}:user/${ADMIN_USER_NAME}`;
