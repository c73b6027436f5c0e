import type { JobDefinition, RegisterJobDefinitionCommandInput } from '@aws-sdk/client-batch';
import {
  allJobSpecs,
  jobDefinitionEnvironment,
  LOCAL_RESOURCES,
  SHELL_IMAGE,
  SHELL_JOB_DEFINITION,
  type JobSpec,
} from '@framefarm/job-specs';
import { jobRoleArn } from '../iam/local-roles';
import { LOCAL_ACCOUNT_ID } from '../local-environment';

export type JobDefinitionInput = RegisterJobDefinitionCommandInput & { jobDefinitionName: string };

const environment = (): { name: string; value: string }[] =>
  Object.entries(jobDefinitionEnvironment(LOCAL_RESOURCES))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));

/** The job definition of one step, from the same spec the CDK stack is built from, with the step's job role. */
export function stepJobDefinition(spec: JobSpec): JobDefinitionInput {
  return {
    jobDefinitionName: spec.jobDefinitionName,
    type: 'container',
    containerProperties: {
      image: spec.image,
      jobRoleArn: jobRoleArn(spec.step, LOCAL_ACCOUNT_ID),
      resourceRequirements: [
        { type: 'VCPU', value: String(spec.vcpus) },
        { type: 'MEMORY', value: String(spec.memoryMiB) },
      ],
      environment: environment(),
    },
    retryStrategy: {
      attempts: spec.retryAttempts,
      evaluateOnExit: spec.retryRules.map((rule) => ({ ...rule })),
    },
    timeout: { attemptDurationSeconds: spec.timeoutSeconds },
  };
}

/** The utility definition for shell-command workflows: busybox, `true` unless overridden. */
export function shellJobDefinition(): JobDefinitionInput {
  return {
    jobDefinitionName: SHELL_JOB_DEFINITION,
    type: 'container',
    containerProperties: {
      image: SHELL_IMAGE,
      command: ['true'],
      resourceRequirements: [
        { type: 'VCPU', value: '1' },
        { type: 'MEMORY', value: '512' },
      ],
      environment: environment(),
    },
  };
}

export function desiredJobDefinitions(prefix = LOCAL_RESOURCES.prefix): JobDefinitionInput[] {
  return [...allJobSpecs(prefix).map(stepJobDefinition), shellJobDefinition()];
}

/** The parts of a definition that matter for running it, in a canonical form to compare. */
function canonical(def: Pick<JobDefinition, 'containerProperties' | 'retryStrategy' | 'timeout'>): string {
  const c = def.containerProperties ?? {};
  const sortBy = <T>(list: T[] | undefined, key: (t: T) => string): T[] => [...(list ?? [])].sort((a, b) => key(a).localeCompare(key(b)));
  return JSON.stringify({
    image: c.image,
    jobRoleArn: c.jobRoleArn ?? null,
    command: c.command ?? [],
    resources: sortBy(c.resourceRequirements, (r) => String(r.type)).map((r) => [r.type, Number(r.value)]),
    environment: sortBy(c.environment, (e) => String(e.name)).map((e) => [e.name, e.value]),
    attempts: def.retryStrategy?.attempts ?? 1,
    evaluateOnExit: (def.retryStrategy?.evaluateOnExit ?? []).map((r) => [
      String(r.action).toUpperCase(),
      r.onStatusReason ?? null,
      r.onReason ?? null,
      r.onExitCode ?? null,
    ]),
    timeout: def.timeout?.attemptDurationSeconds ?? null,
  });
}

/** True when the registered revision runs the same way as the desired definition. */
export function sameJobDefinition(registered: JobDefinition, desired: JobDefinitionInput): boolean {
  return canonical(registered) === canonical(desired);
}
