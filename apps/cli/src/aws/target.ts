import { allJobSpecs, jobSpec, LOCAL_RESOURCES } from '@framefarm/job-specs';
import type { AccessKeys } from '@framefarm/local-aws';

/** Where a command sends its requests, and the names of the stack's resources there. */
export interface Target {
  kind: 'local' | 'aws';
  region: string;
  /** A custom endpoint (the local stack); undefined means the real AWS endpoints. */
  endpoint?: string;
  planJobQueue: string;
  planJobDefinition: string;
  /** Where the render jobs run: its compute environments say how many can run at once. */
  renderJobQueue: string;
  /** The stack's job queues (plan, render, encode), names or ARNs. */
  jobQueues: string[];
  bucket: string;
  table: string;
  /** A local stack's credentials (see `localStackCredentials`); on AWS the SDK's own chain applies. */
  credentials?: AccessKeys;
}

export const DEFAULT_LOCAL_ENDPOINT = 'http://127.0.0.1:4566';

export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

/** The local stack provisions the names from the job specs (see `provisionLocalStack`). */
export function localTarget(endpoint: string, region = defaultRegion()): Target {
  const plan = jobSpec('plan', LOCAL_RESOURCES.prefix);
  return {
    kind: 'local',
    region,
    endpoint,
    planJobQueue: plan.jobQueueName,
    planJobDefinition: plan.jobDefinitionName,
    renderJobQueue: jobSpec('render', LOCAL_RESOURCES.prefix).jobQueueName,
    jobQueues: allJobSpecs(LOCAL_RESOURCES.prefix).map((spec) => spec.jobQueueName),
    bucket: LOCAL_RESOURCES.bucket,
    table: LOCAL_RESOURCES.table,
  };
}
