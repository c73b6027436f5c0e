import { FailedJob } from '@framefarm/runs';

/** A failed run in words: the job that failed first, why, and the end of its log. */
export function formatFailure(runId: string, failure: FailedJob | undefined, recordError?: string): string {
  if (!failure) return `run ${runId} failed${recordError ? `: ${recordError}` : ''}\n`;
  const lines = [
    `run ${runId} failed in job ${failure.jobName} (${failure.jobId})`,
    `  reason: ${failure.reason}${failure.exitCode !== undefined ? ` (exit code ${failure.exitCode})` : ''}`,
    ...(recordError && recordError !== failure.reason ? [`  run record: ${recordError}`] : []),
  ];
  if (failure.logTail.length > 0) lines.push('  last lines of its log:', ...failure.logTail.map((l) => `    ${l}`));
  lines.push(`  more: framefarm logs ${failure.jobId}`);
  return `${lines.join('\n')}\n`;
}
