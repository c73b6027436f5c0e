/**
 * Attribute names every span of a run carries, so a trace can be cut by run, job, array child
 * and attempt. The `aws.batch.*` names follow the shape of OpenTelemetry's `aws.*` conventions;
 * OpenTelemetry defines none for Batch jobs yet.
 */
export const SPAN_ATTRIBUTES = {
  runId: 'framefarm.run.id',
  jobId: 'aws.batch.job.id',
  arrayIndex: 'aws.batch.job.array_index',
  attempt: 'aws.batch.job.attempt',
} as const;

/** Which Batch job (and which attempt of it) a process is. */
export interface JobIdentity {
  jobId: string;
  /** Only for a child of an array job. */
  arrayIndex?: number;
  /** From 1, as `AWS_BATCH_JOB_ATTEMPT`. */
  attempt: number;
}

/**
 * The identity Batch gives a job through its environment. Never throws, because tracing must not
 * break a job: outside Batch (a program run by hand) the job id is `fallbackJobId`, and a value
 * that is not a whole number is left out (the attempt then counts as 1).
 */
export function jobIdentityFromEnv(env: Record<string, string | undefined>, fallbackJobId = `local-${process.pid}`): JobIdentity {
  const jobId = env.AWS_BATCH_JOB_ID || fallbackJobId;
  const attempt = wholeNumber(env.AWS_BATCH_JOB_ATTEMPT) ?? 1;
  const arrayIndex = wholeNumber(env.AWS_BATCH_JOB_ARRAY_INDEX);
  return arrayIndex === undefined ? { jobId, attempt } : { jobId, arrayIndex, attempt };
}

function wholeNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function jobSpanAttributes(runId: string, job: JobIdentity): Record<string, string | number> {
  const attributes: Record<string, string | number> = {
    [SPAN_ATTRIBUTES.runId]: runId,
    [SPAN_ATTRIBUTES.jobId]: job.jobId,
    [SPAN_ATTRIBUTES.attempt]: job.attempt,
  };
  if (job.arrayIndex !== undefined) attributes[SPAN_ATTRIBUTES.arrayIndex] = job.arrayIndex;
  return attributes;
}
