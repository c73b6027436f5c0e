import type {
  ComputeEnvironmentOrder,
  ComputeResource,
  ContainerOverrides,
  ContainerProperties,
  JobDependency,
  JobTimeout,
  PlatformCapability,
  RetryStrategy,
} from '@aws-sdk/client-batch';
import type { JobStatus } from './job-states';

export type Tags = Record<string, string>;

/** The engine's durable records. Field names follow the Batch API so rendering stays trivial. */
export interface ComputeEnvironmentRecord {
  computeEnvironmentName: string;
  type: 'MANAGED' | 'UNMANAGED';
  state: 'ENABLED' | 'DISABLED';
  computeResources?: ComputeResource;
  unmanagedvCpus?: number;
  serviceRole?: string;
  tags: Tags;
}

export interface JobQueueRecord {
  jobQueueName: string;
  state: 'ENABLED' | 'DISABLED';
  priority: number;
  computeEnvironmentOrder: ComputeEnvironmentOrder[];
  schedulingPolicyArn?: string;
  tags: Tags;
}

export interface JobDefinitionRecord {
  jobDefinitionName: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  type: string;
  parameters: Record<string, string>;
  containerProperties?: ContainerProperties;
  retryStrategy?: RetryStrategy;
  timeout?: JobTimeout;
  propagateTags?: boolean;
  platformCapabilities?: PlatformCapability[];
  schedulingPriority?: number;
  tags: Tags;
}

/** One finished (or, while running, the current) attempt of a job. */
export interface AttemptRecord {
  computeEnvironmentName: string;
  taskId: string;
  logStreamName: string;
  /** Set when the process is up (RUNNING); AWS startedAt is the RUNNING time. */
  startedAt?: number;
  stoppedAt?: number;
  exitCode?: number;
  reason?: string;
  statusReason?: string;
  /** Process group of the attempt, so a restarted engine can stop what a crashed one left. */
  pid?: number;
}

/** What SubmitJob asked for; array children share their parent's. */
export interface JobSubmission {
  jobName: string;
  jobQueueName: string;
  jobDefinitionName: string;
  jobDefinitionRevision: number;
  dependsOn: JobDependency[];
  parameters: Record<string, string>;
  containerOverrides?: ContainerOverrides;
  retryStrategy?: RetryStrategy;
  timeout?: JobTimeout;
  arraySize?: number;
  propagateTags?: boolean;
  shareIdentifier?: string;
  schedulingPriorityOverride?: number;
}

export interface JobRecord {
  jobId: string;
  /** Top-level jobs carry the submission; a child reads its parent's. */
  submission?: JobSubmission;
  parentId?: string;
  index?: number;
  status: JobStatus;
  statusReason?: string;
  createdAt: number;
  startedAt?: number;
  stoppedAt?: number;
  /** Finished attempts, then the current one while STARTING/RUNNING. */
  attempts: AttemptRecord[];
  isCancelled?: boolean;
  isTerminated?: boolean;
  /** Top-level jobs only; children show their parent's. */
  tags?: Tags;
}

/** The mutable fields of a job, as journaled. */
export type JobPatch = Partial<Omit<JobRecord, 'jobId' | 'submission' | 'parentId' | 'index' | 'createdAt'>>;

export interface BatchSnapshot {
  version: 1;
  computeEnvironments: ComputeEnvironmentRecord[];
  jobQueues: JobQueueRecord[];
  jobDefinitions: JobDefinitionRecord[];
  /** Top-level jobs, then children after their parents. */
  jobs: JobRecord[];
}

/** One line of the journal. Short kinds keep a 20,000-job journal small. */
export type JournalEntry =
  | { k: 'ce'; v: ComputeEnvironmentRecord }
  | { k: 'ce-'; name: string }
  | { k: 'jq'; v: JobQueueRecord }
  | { k: 'jq-'; name: string }
  | { k: 'jd'; v: JobDefinitionRecord }
  | { k: 'job'; v: JobRecord }
  | { k: 'p'; id: string; p: JobPatch };
