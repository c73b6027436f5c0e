import type { StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { STACK_CAPACITY_DEFAULTS, type StepName } from '@framefarm/job-specs';

/**
 * How jobs in the private subnets reach AWS APIs (ECR, S3, DynamoDB, Batch, Logs, X-Ray):
 * - `nat`: one NAT gateway (about 0.045 USD/h, 33 USD/month, plus 0.045 USD per GB processed);
 *   cheapest for a small or idle stack, and jobs can also reach the internet.
 * - `endpoints`: no internet route at all; interface endpoints for every API the jobs and the ECS
 *   agent call (about 0.01 USD/h per endpoint per AZ: 10 endpoints in 2 AZs are about 146 USD/month,
 *   plus 0.01 USD per GB). Pick it when the jobs must not reach the internet.
 * Either way S3 and DynamoDB go through gateway endpoints, which are free and keep the bulk
 * traffic (frames, segments, video) off the NAT's per-GB charge.
 */
export type EgressMode = 'nat' | 'endpoints';

export interface JobSize {
  vcpus: number;
  memoryMiB: number;
}

/** One Secrets Manager secret handed to the jobs of some steps as an environment variable. */
export interface JobSecret {
  /** The variable name inside the container. */
  environmentName: string;
  /** Name of an existing Secrets Manager secret (created outside the stack, e.g. an API key). */
  secretName: string;
  /** A JSON key inside the secret; the whole secret string when absent. */
  field?: string;
  steps: StepName[];
}

export interface FramefarmStackProps extends StackProps {
  /** Prefix of job queue and job definition names; the apps find each other by these names. */
  prefix?: string;
  /** Instance types for both compute environments (see instance-capacity.ts for the allowed ones). */
  instanceTypes?: string[];
  /** Upper bound of each compute environment. */
  maxVcpus?: number;
  /** Put a Spot compute environment first in every queue (On-Demand stays as the fallback). */
  spot?: boolean;
  egress?: EgressMode;
  /** Override the job specs' sizes on AWS only (e.g. bigger render jobs for 4K). */
  jobSizes?: Partial<Record<StepName, JobSize>>;
  /** E-mail address subscribed to failed-job notifications. */
  alarmEmail?: string;
  /** Days before intermediate chunk objects expire. */
  chunkRetentionDays?: number;
  /** Days the job log groups keep events. */
  logRetentionDays?: number;
  /** Add a Step Functions state machine that plans, renders and encodes without the plan job. */
  stepFunctions?: boolean;
  /** EventBridge Scheduler cron expression that starts the state machine, e.g. `cron(0 3 * * ? *)`. */
  scheduleCron?: string;
  /** Mount an EFS file system into every job at /scratch. */
  sharedScratch?: boolean;
  secrets?: JobSecret[];
  /**
   * Digests (`sha256:…`) of released images in the stack's ECR repositories, per step. A step with
   * a digest runs that image; a step without one gets an image asset built from its Dockerfile.
   */
  releasedImages?: Partial<Record<StepName, string>>;
}

export const DEFAULTS = {
  prefix: 'framefarm',
  instanceTypes: STACK_CAPACITY_DEFAULTS.instanceTypes,
  maxVcpus: 64,
  spot: STACK_CAPACITY_DEFAULTS.spot,
  egress: 'nat' as EgressMode,
  chunkRetentionDays: 7,
  logRetentionDays: 30,
} as const;

/** An image manifest digest, as `docker buildx` and ECR report it. */
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

export class InvalidStackConfigError extends Error {
  override readonly name = 'InvalidStackConfigError';
}

/** The retention periods CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS: ReadonlySet<number> = new Set(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0),
);

export type ResolvedProps = FramefarmStackProps & {
  prefix: string;
  instanceTypes: string[];
  maxVcpus: number;
  spot: boolean;
  egress: EgressMode;
  chunkRetentionDays: number;
  logRetentionDays: number;
  logRetention: RetentionDays;
};

export function resolveProps(props: FramefarmStackProps): ResolvedProps {
  const logRetentionDays = props.logRetentionDays ?? DEFAULTS.logRetentionDays;
  if (!RETENTION_DAYS.has(logRetentionDays)) {
    throw new InvalidStackConfigError(
      `logRetentionDays must be one CloudWatch Logs accepts (${[...RETENTION_DAYS].sort((a, b) => a - b).join(', ')}), got ${logRetentionDays}`,
    );
  }
  for (const [step, digest] of Object.entries(props.releasedImages ?? {})) {
    if (digest !== undefined && !IMAGE_DIGEST.test(digest)) {
      throw new InvalidStackConfigError(`the released ${step} image must be a digest like sha256:<64 hex digits>, got "${digest}"`);
    }
  }
  if (props.scheduleCron && !props.stepFunctions) {
    throw new InvalidStackConfigError('scheduleCron starts the Step Functions pipeline: set stepFunctions too (-c stepFunctions=true)');
  }
  return {
    ...props,
    prefix: props.prefix ?? DEFAULTS.prefix,
    instanceTypes: props.instanceTypes ?? [...DEFAULTS.instanceTypes],
    maxVcpus: props.maxVcpus ?? DEFAULTS.maxVcpus,
    spot: props.spot ?? DEFAULTS.spot,
    egress: props.egress ?? DEFAULTS.egress,
    chunkRetentionDays: props.chunkRetentionDays ?? DEFAULTS.chunkRetentionDays,
    logRetentionDays,
    logRetention: logRetentionDays as RetentionDays,
  };
}
