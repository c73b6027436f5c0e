import { ClientException } from '../errors';
import { matchesGlob } from '../glob';
import { isJobStatus, type JobStatus } from '../job-states';
import type { JobRecord } from '../model';
import { type Body, optionalInteger, optionalObjectList, optionalString, optionalStringList, requiredString } from '../request-fields';
import { validateDescribeJobsCount } from '../validation';
import type { ApiContext } from './context';
import { findJobQueue } from './job-queues';
import { renderJobDetail, renderJobSummary } from './job-views';
import { decodeToken, encodeToken } from './paging';

export function findJob(ctx: ApiContext, id: string): JobRecord {
  const job = ctx.store.jobs.get(ctx.arns.nameOf('job', id, 'jobId'));
  if (!job) throw new ClientException(`job ${id} does not exist`);
  return job;
}

/** Unknown ids are left out of the answer, as AWS does. */
export function describeJobs(ctx: ApiContext, body: Body): object {
  const ids = optionalStringList(body, 'jobs');
  if (!ids) throw new ClientException('jobs is required');
  validateDescribeJobsCount(ids.length);
  const jobs = ids.flatMap((id) => ctx.store.jobs.get(id.startsWith('arn:') ? ctx.arns.nameOf('job', id, 'jobs[]') : id) ?? []);
  ctx.shows = jobs.reduce((newest, job) => Math.max(newest, ctx.store.lastChangeOf(job)), 0);
  return { jobs: jobs.map((job) => renderJobDetail(ctx, job)) };
}

type JobFilter = (job: JobRecord) => boolean;

const FILTER_NAMES = ['JOB_NAME', 'JOB_DEFINITION', 'BEFORE_CREATED_AT', 'AFTER_CREATED_AT'] as const;

function parseFilter(ctx: ApiContext, filters: Body[]): JobFilter {
  if (filters.length > 1) throw new ClientException(`filters takes one filter at a time, got ${filters.length}`);
  const filter = filters[0];
  const name = requiredString(filter, 'name');
  const values = optionalStringList(filter, 'values') ?? [];
  if (values.length !== 1) throw new ClientException(`filters[0].values must hold exactly one value, got ${values.length}`);
  const value = values[0];
  switch (name) {
    case 'JOB_NAME':
      return (job) => matchesGlob(value, ctx.store.submissionOf(job).jobName, { ignoreCase: true });
    case 'JOB_DEFINITION': {
      const ref = value.startsWith('arn:') ? ctx.arns.nameOf('job-definition', value, 'filters[0].values[0]') : value;
      return (job) => {
        const submission = ctx.store.submissionOf(job);
        const target = ref.includes(':') ? `${submission.jobDefinitionName}:${submission.jobDefinitionRevision}` : submission.jobDefinitionName;
        return matchesGlob(ref, target);
      };
    }
    case 'BEFORE_CREATED_AT':
    case 'AFTER_CREATED_AT': {
      const at = Number(value);
      if (!Number.isFinite(at)) throw new ClientException(`filters[0] ${name} takes epoch milliseconds, got '${value}'`);
      return name === 'BEFORE_CREATED_AT' ? (job) => job.createdAt < at : (job) => job.createdAt > at;
    }
    default:
      throw new ClientException(`filters[0].name must be one of ${FILTER_NAMES.join(', ')}, got ${name}`);
  }
}

/**
 * A queue lists its top-level jobs (array parents, not their children; those are listed by
 * arrayJobId), as AWS does. Queue listings are newest first; an array's children are listed by index (they share one
 * createdAt; chosen). nextToken is a position in an append-only list, so pages stay stable
 * while new jobs arrive.
 */
export function listJobs(ctx: ApiContext, body: Body): object {
  const jobQueue = optionalString(body, 'jobQueue');
  const arrayJobId = optionalString(body, 'arrayJobId');
  const multiNodeJobId = optionalString(body, 'multiNodeJobId');
  const given = [jobQueue, arrayJobId, multiNodeJobId].filter((v) => v !== undefined).length;
  if (given !== 1) throw new ClientException('ListJobs needs exactly one of jobQueue, arrayJobId or multiNodeJobId');
  if (multiNodeJobId !== undefined) throw new ClientException(`job ${multiNodeJobId} is not a multi-node parallel job (the local engine runs none)`);

  const filters = optionalObjectList(body, 'filters');
  const filter: JobFilter = filters && filters.length > 0 ? parseFilter(ctx, filters) : statusFilter(optionalString(body, 'jobStatus'));
  const limit = filters && filters.length > 0 ? 100 : 1000;
  const requested = optionalInteger(body, 'maxResults');
  if (requested !== undefined && requested < 1) throw new ClientException(`maxResults must be at least 1, got ${requested}`);
  // Chosen: a larger maxResults is capped at the limit rather than refused.
  const maxResults = Math.min(requested ?? limit, limit);
  const token = optionalString(body, 'nextToken');

  let list: JobRecord[];
  let step: 1 | -1;
  if (jobQueue !== undefined) {
    list = ctx.store.queueJobs.get(findJobQueue(ctx, jobQueue).jobQueueName) ?? [];
    step = -1;
  } else {
    const parent = ctx.store.jobs.get(arrayJobId as string);
    const children = parent && ctx.store.children.get(parent.jobId);
    if (!children) throw new ClientException(`arrayJobId ${arrayJobId} is not an array job`);
    list = children;
    step = 1;
  }
  const summaries = [];
  let position = token === undefined ? (step === 1 ? 0 : list.length - 1) : decodeToken(token);
  for (; position >= 0 && position < list.length && summaries.length < maxResults; position += step) {
    if (filter(list[position])) summaries.push(renderJobSummary(ctx, list[position]));
  }
  const more = position >= 0 && position < list.length;
  return { jobSummaryList: summaries, nextToken: more ? encodeToken(position) : undefined };
}

function statusFilter(jobStatus: string | undefined): JobFilter {
  const status: JobStatus = jobStatus === undefined ? 'RUNNING' : parseStatus(jobStatus);
  return (job) => job.status === status;
}

function parseStatus(value: string): JobStatus {
  if (!isJobStatus(value)) throw new ClientException(`jobStatus must be one of SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED, FAILED, got ${value}`);
  return value;
}

export function cancelJob(ctx: ApiContext, body: Body): object {
  const job = findJob(ctx, requiredString(body, 'jobId'));
  ctx.lifecycle.cancel(job, requiredString(body, 'reason'));
  return {};
}

export function terminateJob(ctx: ApiContext, body: Body): object {
  const job = findJob(ctx, requiredString(body, 'jobId'));
  ctx.lifecycle.terminate(job, requiredString(body, 'reason'));
  return {};
}
