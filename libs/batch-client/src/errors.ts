/** A job spec that AWS Batch would reject; raised before anything is sent. */
export class InvalidJobSpecError extends Error {
  override readonly name = 'InvalidJobSpecError';
}

/** What is wrong with a workflow (DAG) definition. */
export type DagProblem =
  | 'invalid-field'
  | 'unknown-dependency'
  | 'self-dependency'
  | 'cycle'
  | 'n-to-n-size-mismatch'
  | 'too-many-dependencies'
  | 'invalid-job';

/** A workflow that cannot be submitted as written; raised before any job is submitted. */
export class InvalidDagError extends Error {
  override readonly name = 'InvalidDagError';
  constructor(
    message: string,
    readonly problem: DagProblem,
    /** Where in the workflow, e.g. `jobs.B.dependsOn[0]`, when the problem has one place. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Part of a workflow was submitted before a SubmitJob call failed. `submitted` lists what went
 * through (name → job id) so the caller can see exactly what exists in Batch.
 */
export class DagSubmissionError extends Error {
  override readonly name = 'DagSubmissionError';
  constructor(
    message: string,
    readonly submitted: Readonly<Record<string, string>>,
    readonly cancelled: readonly string[],
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** DescribeJobs kept answering without some of the job ids. */
export class JobNotFoundError extends Error {
  override readonly name = 'JobNotFoundError';
  constructor(
    message: string,
    readonly jobIds: readonly string[],
  ) {
    super(message);
  }
}

/** Waiting stopped because the caller's AbortSignal fired. */
export class WaitAbortedError extends Error {
  override readonly name = 'WaitAbortedError';
}

/** The AWS_BATCH_* environment of a job is missing or inconsistent. */
export class BatchJobEnvError extends Error {
  override readonly name = 'BatchJobEnvError';
  constructor(
    message: string,
    /** The environment variable at fault. */
    readonly variable: string,
  ) {
    super(message);
  }
}

/** The endpoint answered in a way AWS Batch never does (e.g. SubmitJob without a jobId). */
export class UnexpectedBatchResponseError extends Error {
  override readonly name = 'UnexpectedBatchResponseError';
}
