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

export class JobIdentityError extends Error {
  override readonly name = 'JobIdentityError';
}

/**
 * The identity Batch gives a job through its environment. Outside Batch (a developer running a
 * program by hand) `AWS_BATCH_JOB_ID` is missing; pass `fallbackJobId` to name the process then.
 */
export function jobIdentityFromEnv(env: NodeJS.ProcessEnv, fallbackJobId?: string): JobIdentity {
  const jobId = env.AWS_BATCH_JOB_ID || fallbackJobId;
  if (!jobId) throw new JobIdentityError('AWS_BATCH_JOB_ID is not set: run this program as a Batch job, or pass a job id for local runs.');
  const attempt = parseWholeNumber(env.AWS_BATCH_JOB_ATTEMPT, 'AWS_BATCH_JOB_ATTEMPT') ?? 1;
  const arrayIndex = parseWholeNumber(env.AWS_BATCH_JOB_ARRAY_INDEX, 'AWS_BATCH_JOB_ARRAY_INDEX');
  return arrayIndex === undefined ? { jobId, attempt } : { jobId, arrayIndex, attempt };
}

function parseWholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new JobIdentityError(`${name} must be a whole number, got "${value}".`);
  return Number(value);
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
