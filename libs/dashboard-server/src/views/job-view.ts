import type { JobDetail } from '@aws-sdk/client-batch';
import { jobAttempts } from '@framefarm/batch-client';
import type { JobRow, JobView } from '../api-types';
import { maskEnvironment } from './mask-environment';

/** A job on the run's timeline. */
export function jobRow(job: JobDetail, step: string): JobRow {
  return {
    jobId: job.jobId ?? '',
    jobName: job.arrayProperties?.index !== undefined ? `${job.jobName}:${job.arrayProperties.index}` : (job.jobName ?? ''),
    step,
    status: job.status ?? 'SUBMITTED',
    ...(job.statusReason ? { statusReason: job.statusReason } : {}),
    createdAt: job.createdAt ?? 0,
    ...(job.startedAt !== undefined ? { startedAt: job.startedAt } : {}),
    ...(job.stoppedAt !== undefined ? { stoppedAt: job.stoppedAt } : {}),
    attempts: jobAttempts(job),
  };
}

const lastPart = (arn: string | undefined): string => (arn ?? '').split('/').pop() ?? '';

/** A job's own page: attempts, exit code and reasons, its environment with secrets masked. */
export function jobView(job: JobDetail, step: string, runId?: string): JobView {
  return {
    ...jobRow(job, step),
    jobQueue: lastPart(job.jobQueue),
    jobDefinition: lastPart(job.jobDefinition),
    ...(job.container?.exitCode !== undefined ? { exitCode: job.container.exitCode } : {}),
    ...(job.container?.reason ? { reason: job.container.reason } : {}),
    ...(job.container?.logStreamName ? { logStreamName: job.container.logStreamName } : {}),
    environment: maskEnvironment(job.container?.environment),
    ...(job.arrayProperties?.index !== undefined ? { arrayIndex: job.arrayProperties.index } : {}),
    ...(job.arrayProperties?.size !== undefined ? { arraySize: job.arrayProperties.size } : {}),
    ...(runId ? { runId } : {}),
  };
}
