import { allJobSpecs, LOCAL_RESOURCES, STEPS, type StepName } from '@framefarm/job-specs';
import { jobRolePolicy, SUBMITS, type PolicyDocument } from '@framefarm/run-store';
import { roleArn } from '../auth/principals';

/** A job role of the local stack: the step it runs, and the policy the CDK stack gives that step's role. */
export interface LocalRole {
  step: StepName;
  roleName: string;
  roleArn: string;
  policy: PolicyDocument;
}

/** `<prefix>-<step>-job-role`: the local name of a step's job role. */
export const jobRoleName = (step: StepName, prefix = LOCAL_RESOURCES.prefix): string => `${prefix}-${step}-job-role`;

export function jobRoleArn(step: StepName, accountId: string, prefix = LOCAL_RESOURCES.prefix): string {
  return roleArn(accountId, jobRoleName(step, prefix));
}

/** The job roles of the local stack, by role name, with the policies from the one policy source. */
export function localJobRoles(region: string, accountId: string, prefix = LOCAL_RESOURCES.prefix): Map<string, LocalRole> {
  const specs = allJobSpecs(prefix);
  const batchArn = (resource: string): string => `arn:aws:batch:${region}:${accountId}:${resource}`;
  const bucket = { bucketArn: `arn:aws:s3:::${LOCAL_RESOURCES.bucket}`, objectArn: (key: string) => `arn:aws:s3:::${LOCAL_RESOURCES.bucket}/${key}` };
  const tableArn = `arn:aws:dynamodb:${region}:${accountId}:table/${LOCAL_RESOURCES.table}`;
  const roles = new Map<string, LocalRole>();
  for (const step of STEPS) {
    const submitTargets = SUBMITS[step].map((target) => {
      const spec = specs.find((s) => s.step === target);
      if (!spec) throw new Error(`no job spec for step ${target}`);
      return { jobQueueArn: batchArn(`job-queue/${spec.jobQueueName}`), jobDefinitionName: spec.jobDefinitionName, jobDefinitionArn: (name: string) => batchArn(`job-definition/${name}`) };
    });
    const roleName = jobRoleName(step, prefix);
    roles.set(roleName, { step, roleName, roleArn: roleArn(accountId, roleName), policy: jobRolePolicy(step, { bucket, tableArn, submitTargets }) });
  }
  return roles;
}
