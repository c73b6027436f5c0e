import type { ComputeEnvironmentDetail, JobQueueDetail, JobSummary } from '@aws-sdk/client-batch';
import { enabledVcpus, environmentIsEnabled, environmentVcpus } from '@framefarm/batch-client';
import type { QueueView, WaitingJob } from '../api-types';

const lastPart = (arn: string | undefined): string => (arn ?? '').split('/').pop() ?? '';

/** Counts of an array job's children by status (DescribeJobs' `arrayProperties.statusSummary`). */
export type ChildCounts = Record<string, number>;

function arrayReason(size: number, children: ChildCounts, capacityNote: string): string {
  const waiting = (children.SUBMITTED ?? 0) + (children.PENDING ?? 0) + (children.RUNNABLE ?? 0);
  const running = (children.STARTING ?? 0) + (children.RUNNING ?? 0);
  const done = (children.SUCCEEDED ?? 0) + (children.FAILED ?? 0);
  const parts = [
    waiting > 0 ? `${waiting} waiting${children.RUNNABLE ? ` for capacity (${capacityNote})` : ''}` : undefined,
    running > 0 ? `${running} running` : undefined,
    done > 0 ? `${done} done` : undefined,
  ].filter(Boolean);
  return `array of ${size}: ${parts.join(', ') || 'children not scheduled yet'}`;
}

/** Why a job that has not started waits, in the words of what Batch tells about it. */
export function waitingReason(job: JobSummary, capacityNote: string, children?: ChildCounts): string {
  if (job.statusReason) return job.statusReason;
  // An array job is PENDING while its children wait or run: say what they do.
  if (job.arrayProperties?.size && children) return arrayReason(job.arrayProperties.size, children, capacityNote);
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
 * `jobs` are the queue's jobs by status, as ListJobs gives them (array jobs, not their children);
 * `children` counts the children of those array jobs.
 */
export function queueView(queue: JobQueueDetail, environments: ComputeEnvironmentDetail[], jobs: Record<string, JobSummary[]>, children: Map<string, ChildCounts> = new Map()): QueueView {
  const ordered = [...(queue.computeEnvironmentOrder ?? [])]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((o) => environments.find((ce) => ce.computeEnvironmentArn === o.computeEnvironment || ce.computeEnvironmentName === o.computeEnvironment))
    .filter((ce): ce is ComputeEnvironmentDetail => ce !== undefined);
  // What `framefarm submit` splits a run over too: disabled environments run nothing, unmanaged ones count their unmanagedvCpus.
  const vcpus = enabledVcpus(ordered);
  const running = [...(jobs.STARTING ?? []), ...(jobs.RUNNING ?? [])];
  const enabled = ordered.filter(environmentIsEnabled);
  const capacityNote =
    ordered.length > 0 && enabled.length === 0
      ? `every compute environment of the queue is disabled: ${ordered.map((ce) => ce.computeEnvironmentName).join(', ')}`
      : `${running.length} job(s) running, up to ${vcpus} vCPUs in ${enabled.map((ce) => ce.computeEnvironmentName).join(', ') || 'no compute environment'}`;
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
      maxvCpus: environmentVcpus(ce),
      instanceTypes: ce.computeResources?.instanceTypes ?? [],
    })),
    counts: Object.fromEntries(Object.entries(jobs).map(([status, list]) => [status, list.length])),
    running: running.map((job) => summary(job)),
    waiting: ['SUBMITTED', 'PENDING', 'RUNNABLE'].flatMap((status) => (jobs[status] ?? []).map((job) => summary(job, waitingReason(job, capacityNote, children.get(job.jobId ?? ''))))),
  };
}
