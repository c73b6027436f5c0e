/** The three programs of a render run, in the order they run. */
export const STEPS = ['plan', 'render', 'encode'] as const;
export type StepName = (typeof STEPS)[number];

/** A rule of a Batch retry strategy, as in `retryStrategy.evaluateOnExit`. */
export interface RetryRule {
  action: 'RETRY' | 'EXIT';
  onStatusReason?: string;
  onReason?: string;
  onExitCode?: string;
}

/** Everything that describes one step's job queue and job definition, on AWS and locally. */
export interface JobSpec {
  step: StepName;
  jobQueueName: string;
  jobDefinitionName: string;
  /** Image name; locally it keys the image table, on AWS the stack builds it from `apps/<step>/Dockerfile`. */
  image: string;
  vcpus: number;
  memoryMiB: number;
  timeoutSeconds: number;
  retryAttempts: number;
  retryRules: RetryRule[];
  /** Queue priority: higher is scheduled first when queues share a compute environment. */
  queuePriority: number;
  /** Names of the stack outputs the original quick start reads. */
  outputs: { jobQueue: string; jobDefinition: string };
}
