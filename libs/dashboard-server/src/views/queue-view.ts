import type { ComputeEnvironmentDetail, JobQueueDetail, JobSummary } from '@aws-sdk/client-batch';
import type { QueueView, WaitingJob } from '../api-types';

const lastPart = (arn: string | undefined): string => (arn ?? '').split('/').pop() ?? '';

/** Why a job that has not started waits, in the words of what Batch tells about it. */
export function waitingReason(job: JobSummary, capacityNote: string): string {
  if (job.statusReason) return job.statusReason;
  switch (job.status) {
    case 'SUBMITTED':
      return 'just submitted: the scheduler has not looked at it yet';
    case 'PENDING':
      return 'waiting for the jobs it depends on';
    case 'RUNNABLE':
      return `waiting for capacity (${capacityNote})`;
    case 'STARTING':
      return 'placed: its container is starting';
    default:
      return job.status ?? '';
  }
}

/**
 * A queue with the compute environments behind it (in order), what runs there and what waits.
 * `jobs` are the queue's jobs by status, as ListJobs gives them.
 */
export function queueView(queue: JobQueueDetail, environments: ComputeEnvironmentDetail[], jobs: Record<string, JobSummary[]>): QueueView {
  const ordered = [...(queue.computeEnvironmentOrder ?? [])]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((o) => environments.find((ce) => ce.computeEnvironmentArn === o.computeEnvironment || ce.computeEnvironmentName === o.computeEnvironment))
    .filter((ce): ce is ComputeEnvironmentDetail => ce !== undefined);
  const maxvCpus = ordered.reduce((sum, ce) => sum + (ce.computeResources?.maxvCpus ?? 0), 0);
  const running = [...(jobs.STARTING ?? []), ...(jobs.RUNNING ?? [])];
  const capacityNote = `${running.length} job(s) running, up to ${maxvCpus} vCPUs in ${ordered.map((ce) => ce.computeEnvironmentName).join(', ') || 'no compute environment'}`;
  const summary = (job: JobSummary, reason = ''): WaitingJob => ({
    jobId: job.jobId ?? '',
    jobName: job.arrayProperties?.index !== undefined ? `${job.jobName}:${job.arrayProperties.index}` : (job.jobName ?? ''),
    status: job.status ?? '',
    reason,
  });
  return {
    name: queue.jobQueueName ?? lastPart(queue.jobQueueArn),
    state: queue.state ?? '',
    priority: queue.priority ?? 0,
    computeEnvironments: ordered.map((ce) => ({
      name: ce.computeEnvironmentName ?? '',
      state: ce.state ?? '',
      type: ce.computeResources?.type ?? ce.type ?? '',
      maxvCpus: ce.computeResources?.maxvCpus ?? 0,
      instanceTypes: ce.computeResources?.instanceTypes ?? [],
    })),
    counts: Object.fromEntries(Object.entries(jobs).map(([status, list]) => [status, list.length])),
    running: running.map((job) => summary(job)),
    waiting: ['SUBMITTED', 'PENDING', 'RUNNABLE'].flatMap((status) => (jobs[status] ?? []).map((job) => summary(job, waitingReason(job, capacityNote)))),
  };
}
