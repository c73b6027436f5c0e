import { BatchClient, JobDetail, ListJobsCommand } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { describeJobs } from '@framefarm/batch-client';
import { tailJobLog } from '../aws/job-logs';
import { RunState } from './run-state';

export interface FailedJob {
  jobId: string;
  jobName: string;
  reason: string;
  exitCode?: number;
  logTail: string[];
}

/** The job that failed first in the run's order: plan, then a render child, then encode. */
export async function findFailedJob(batch: BatchClient, state: RunState): Promise<JobDetail | undefined> {
  if (state.plan?.status === 'FAILED') return state.plan;
  if (state.render?.status === 'FAILED') {
    if (!state.render.arrayProperties?.size) return state.render;
    const { jobSummaryList } = await batch.send(new ListJobsCommand({ arrayJobId: state.render.jobId, jobStatus: 'FAILED' }));
    const first = [...(jobSummaryList ?? [])].sort((a, b) => (a.arrayProperties?.index ?? 0) - (b.arrayProperties?.index ?? 0))[0];
    if (first?.jobId) return (await describeJobs(batch, [first.jobId])).get(first.jobId) ?? state.render;
    return state.render;
  }
  if (state.encode?.status === 'FAILED') return state.encode;
  return state.plan;
}

export async function describeFailure(batch: BatchClient, logs: CloudWatchLogsClient, state: RunState): Promise<FailedJob | undefined> {
  const job = await findFailedJob(batch, state);
  if (!job?.jobId) return undefined;
  const lastAttempt = job.attempts?.[job.attempts.length - 1];
  return {
    jobId: job.jobId,
    jobName: job.jobName ?? '',
    reason: job.statusReason ?? lastAttempt?.statusReason ?? state.record?.error ?? 'no reason given',
    exitCode: job.container?.exitCode ?? lastAttempt?.container?.exitCode,
    logTail: await tailJobLog(batch, logs, job.jobId, 20),
  };
}

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
