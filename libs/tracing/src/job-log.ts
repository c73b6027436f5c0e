import { JobIdentity } from './attributes';

/** Where the tracer's own log lines go: one JSON object per line, like every job log. */
export type LogLine = (line: string) => void;

export const stderrLog: LogLine = (line) => {
  process.stderr.write(`${line}\n`);
};

export function jobLogLine(
  level: 'info' | 'warn',
  message: string,
  runId: string,
  job: JobIdentity,
  fields: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    runId,
    jobId: job.jobId,
    ...(job.arrayIndex === undefined ? {} : { arrayIndex: job.arrayIndex }),
    attempt: job.attempt,
    ...fields,
  });
}
