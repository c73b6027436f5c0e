import type { ComputeEnvironmentOrder, JobQueueDetail } from '@aws-sdk/client-batch';
import { ClientException } from '../errors';
import type { JobQueueRecord } from '../model';
import {
  type Body,
  oneOf,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from '../request-fields';
import { validateResourceName, validateTags } from '../validation';
import { findComputeEnvironment } from './compute-environments';
import type { ApiContext } from './context';
import { page } from './paging';

/** Up to 3 environments with distinct orders; stored by name, rendered as ARNs. */
function parseOrder(ctx: ApiContext, list: Body[] | undefined): ComputeEnvironmentOrder[] {
  if (!list || list.length === 0) throw new ClientException('computeEnvironmentOrder must name at least one compute environment');
  if (list.length > 3) throw new ClientException(`computeEnvironmentOrder can have at most 3 entries, got ${list.length}`);
  const orders = new Set<number>();
  return list.map((entry, i) => {
    const order = optionalInteger(entry, 'order');
    if (order === undefined) throw new ClientException(`computeEnvironmentOrder[${i}].order is required`);
    if (orders.has(order)) throw new ClientException(`computeEnvironmentOrder[${i}].order ${order} is used twice`);
    orders.add(order);
    const ce = findComputeEnvironment(ctx, requiredString(entry, 'computeEnvironment'));
    return { order, computeEnvironment: ce.computeEnvironmentName };
  });
}

function parsePriority(body: Body, required: boolean): number | undefined {
  const priority = optionalInteger(body, 'priority');
  if (priority === undefined) {
    if (required) throw new ClientException('priority is required');
    return undefined;
  }
  if (priority < 0 || priority > 1000) throw new ClientException(`priority must be between 0 and 1000, got ${priority}`);
  return priority;
}

export function createJobQueue(ctx: ApiContext, body: Body): object {
  const name = requiredString(body, 'jobQueueName');
  validateResourceName(name, 'jobQueueName');
  if (ctx.store.jobQueues.has(name)) throw new ClientException(`Object already exists: job queue ${name}`);
  const tags = optionalStringMap(body, 'tags') ?? {};
  validateTags(tags);
  const record: JobQueueRecord = {
    jobQueueName: name,
    state: oneOf(optionalString(body, 'state'), 'state', ['ENABLED', 'DISABLED'] as const) ?? 'ENABLED',
    priority: parsePriority(body, true) as number,
    computeEnvironmentOrder: parseOrder(ctx, optionalObjectList(body, 'computeEnvironmentOrder')),
    schedulingPolicyArn: optionalString(body, 'schedulingPolicyArn'),
    tags,
  };
  ctx.store.putJobQueue(record);
  ctx.lifecycle.resourcesChanged();
  return { jobQueueName: name, jobQueueArn: ctx.arns.jobQueue(name) };
}

export function findJobQueue(ctx: ApiContext, nameOrArn: string, key = 'jobQueue'): JobQueueRecord {
  const name = ctx.arns.nameOf('job-queue', nameOrArn, key);
  const record = ctx.store.jobQueues.get(name);
  if (!record) throw new ClientException(`job queue ${nameOrArn} does not exist`);
  return record;
}

function render(ctx: ApiContext, jq: JobQueueRecord): JobQueueDetail {
  return {
    jobQueueName: jq.jobQueueName,
    jobQueueArn: ctx.arns.jobQueue(jq.jobQueueName),
    state: jq.state,
    status: 'VALID',
    statusReason: 'JobQueue Healthy',
    priority: jq.priority,
    schedulingPolicyArn: jq.schedulingPolicyArn,
    computeEnvironmentOrder: jq.computeEnvironmentOrder.map((o) => ({ order: o.order, computeEnvironment: ctx.arns.computeEnvironment(o.computeEnvironment as string) })),
    tags: jq.tags,
    jobQueueType: 'ECS',
  };
}

export function describeJobQueues(ctx: ApiContext, body: Body): object {
  const wanted = optionalStringList(body, 'jobQueues');
  const all = wanted
    ? wanted.flatMap((ref) => ctx.store.jobQueues.get(ctx.arns.nameOf('job-queue', ref, 'jobQueues[]')) ?? [])
    : [...ctx.store.jobQueues.values()];
  const { items, nextToken } = page(all, optionalInteger(body, 'maxResults'), optionalString(body, 'nextToken'), 100);
  return { jobQueues: items.map((jq) => render(ctx, jq)), nextToken };
}

export function updateJobQueue(ctx: ApiContext, body: Body): object {
  const jq = findJobQueue(ctx, requiredString(body, 'jobQueue'));
  const order = optionalObjectList(body, 'computeEnvironmentOrder');
  const updated: JobQueueRecord = {
    ...jq,
    state: oneOf(optionalString(body, 'state'), 'state', ['ENABLED', 'DISABLED'] as const) ?? jq.state,
    priority: parsePriority(body, false) ?? jq.priority,
    computeEnvironmentOrder: order ? parseOrder(ctx, order) : jq.computeEnvironmentOrder,
    schedulingPolicyArn: optionalString(body, 'schedulingPolicyArn') ?? jq.schedulingPolicyArn,
  };
  ctx.store.putJobQueue(updated);
  ctx.lifecycle.resourcesChanged();
  return { jobQueueName: jq.jobQueueName, jobQueueArn: ctx.arns.jobQueue(jq.jobQueueName) };
}

/** As on AWS the queue must be DISABLED first; its unfinished jobs are terminated. */
export function deleteJobQueue(ctx: ApiContext, body: Body): object {
  const jq = findJobQueue(ctx, requiredString(body, 'jobQueue'));
  if (jq.state !== 'DISABLED') throw new ClientException(`Cannot delete job queue ${jq.jobQueueName}: disable it first (state is ${jq.state})`);
  ctx.lifecycle.queueDeleted(jq.jobQueueName);
  ctx.store.deleteJobQueue(jq.jobQueueName);
  ctx.lifecycle.resourcesChanged();
  return {};
}
