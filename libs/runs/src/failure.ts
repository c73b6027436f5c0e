import type { JobDetail } from '@aws-sdk/client-batch';
import { describeJobs, listArrayChildren } from '@framefarm/batch-client';
import { tailJobLog } from './job-logs';
import { RunState } from './run-state';
import { RunSources } from './sources';

export interface FailedJob {
  jobId: string;
  jobName: string;
  reason: string;
  exitCode?: number;
  logTail: string[];
}

/** The job that failed first in the run's order: plan, then the lowest failed render child, then encode. */
export async function findFailedJob(sources: Pick<RunSources, 'batch'>, state: RunState): Promise<JobDetail | undefined> {
  if (state.plan?.status === 'FAILED') return state.plan;
  if (state.render?.status === 'FAILED') {
    if (!state.render.arrayProperties?.size || !state.render.jobId) return state.render;
    const [first] = await listArrayChildren(sources.batch, state.render.jobId, 'FAILED');
    if (first?.jobId) return (await describeJobs(sources.batch, [first.jobId])).get(first.jobId) ?? state.render;
    return state.render;
  }
  if (state.encode?.status === 'FAILED') return state.encode;
  return state.plan;
}

/** The first failure with its reason, exit code and the last lines of its log. */
export async function describeFailure(sources: Pick<RunSources, 'batch' | 'logs'>, state: RunState, logLines = 20): Promise<FailedJob | undefined> {
  const job = await findFailedJob(sources, state);
  if (!job?.jobId) return undefined;
  const lastAttempt = job.attempts?.[job.attempts.length - 1];
  return {
    jobId: job.jobId,
    jobName: job.jobName ?? '',
    reason: job.statusReason ?? lastAttempt?.statusReason ?? state.record?.error ?? 'no reason given',
    exitCode: job.container?.exitCode ?? lastAttempt?.container?.exitCode,
    logTail: await tailJobLog(sources.logs, job, logLines),
  };
}
