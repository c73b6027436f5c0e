/** Who is logging: the fields every JSON log line of a job carries. */
export interface JobLogContext {
  step: string;
  runId?: string;
  jobId?: string;
  arrayIndex?: number;
  attempt?: number;
}

export type JobLog = (event: string, fields?: Record<string, unknown>) => void;

/** One JSON object per line on stdout (CloudWatch Logs keeps each as one event). */
export function createJobLog(context: JobLogContext, write: (line: string) => void = (line) => process.stdout.write(line)): JobLog {
  return (event, fields = {}) => {
    const line = { time: new Date().toISOString(), level: fields.error ? 'error' : 'info', ...context, event, ...fields };
    write(`${JSON.stringify(line)}\n`);
  };
}

/** An error as log fields: its stable name and message, never a bare stack. */
export const errorFields = (error: unknown): { error: string; errorName: string } => ({
  errorName: error instanceof Error ? error.name : 'Error',
  error: error instanceof Error ? error.message : String(error),
});

/** The Batch identity of this process for log lines; never throws (validation is the job's own). */
export function jobLogContext(step: string, env: Record<string, string | undefined> = process.env): JobLogContext {
  const whole = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);
  return {
    step,
    ...(env.AWS_BATCH_JOB_ID ? { jobId: env.AWS_BATCH_JOB_ID } : {}),
    ...(whole(env.AWS_BATCH_JOB_ARRAY_INDEX) !== undefined ? { arrayIndex: whole(env.AWS_BATCH_JOB_ARRAY_INDEX) } : {}),
    attempt: whole(env.AWS_BATCH_JOB_ATTEMPT) ?? 1,
  };
}
