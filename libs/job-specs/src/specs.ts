import { JobSpec, RetryRule, StepName, STEPS } from './steps';

export const DEFAULT_PREFIX = 'framefarm';

/**
 * Retry what the infrastructure broke (a Spot reclaim or host loss: Batch says "Host EC2 ..."),
 * never what the program itself decided: an application error exits at once.
 * The local engine uses the same "Host EC2" reason when it recovers attempts after a restart.
 */
export const RETRY_RULES: RetryRule[] = [
  { action: 'RETRY', onStatusReason: 'Host EC2*' },
  { action: 'RETRY', onReason: 'CannotPullContainerError*' },
  { action: 'RETRY', onReason: 'Task failed to start*' },
  { action: 'EXIT', onReason: '*' },
];

interface StepSizing {
  vcpus: number;
  memoryMiB: number;
  timeoutSeconds: number;
  queuePriority: number;
}

const SIZING: Record<StepName, StepSizing> = {
  plan: { vcpus: 0.25, memoryMiB: 512, timeoutSeconds: 10 * 60, queuePriority: 30 },
  render: { vcpus: 1, memoryMiB: 2048, timeoutSeconds: 60 * 60, queuePriority: 10 },
  encode: { vcpus: 1, memoryMiB: 2048, timeoutSeconds: 30 * 60, queuePriority: 20 },
};

const capitalized = (step: StepName): string => step[0].toUpperCase() + step.slice(1);

export function jobSpec(step: StepName, prefix = DEFAULT_PREFIX): JobSpec {
  const sizing = SIZING[step];
  return {
    step,
    jobQueueName: `${prefix}-${step}`,
    jobDefinitionName: `${prefix}-${step}`,
    image: `${prefix}/${step}`,
    vcpus: sizing.vcpus,
    memoryMiB: sizing.memoryMiB,
    timeoutSeconds: sizing.timeoutSeconds,
    retryAttempts: 3,
    retryRules: RETRY_RULES,
    queuePriority: sizing.queuePriority,
    outputs: {
      jobQueue: `CfnOutput${capitalized(step)}JobQueue`,
      jobDefinition: `CfnOutput${capitalized(step)}JobDefinition`,
    },
  };
}

export function allJobSpecs(prefix = DEFAULT_PREFIX): JobSpec[] {
  return STEPS.map((step) => jobSpec(step, prefix));
}

/** Stack outputs besides the per-step ones. */
export const OUTPUT_BUCKET = 'CfnOutputBucket';
export const OUTPUT_TABLE = 'CfnOutputTable';
