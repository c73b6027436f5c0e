import type { JobDetail } from '@aws-sdk/client-batch';
import type { RunCost } from '@framefarm/cost';
import type { StoredSpan } from '@framefarm/tracing/spans';

/** The run's own record (settings and outcome), as far as the report needs it. */
export interface RunRecordFields {
  runId: string;
  status?: string;
  sketch?: string;
  width?: number;
  height?: number;
  fps?: number;
  totalFrames?: number;
  framesPerRenderJob?: number;
}

/**
 * A job as DescribeJobs returns it. Partial because the SDK marks fields required that Batch
 * leaves out in some states (`startedAt` before a job starts).
 */
export type BatchJob = Partial<JobDetail>;

/** The Batch jobs of one run. */
export interface RunJobs {
  plan?: BatchJob;
  /** The render array job itself; its children are below. */
  renderArray?: BatchJob;
  renderChildren: BatchJob[];
  encode?: BatchJob;
}

export interface CollectRunInput {
  run: RunRecordFields;
  jobs: RunJobs;
  spans: StoredSpan[];
  /** The moment the report is made: the end of bars of jobs still running. */
  now: number;
  /** What the run's attempts cost (computed by the caller, which knows the stack's capacity). */
  cost?: RunCost;
}
