import type { ComputeEnvironmentDetail, ComputeResource } from '@aws-sdk/client-batch';
import { ClientException } from '../errors';
import type { ComputeEnvironmentRecord } from '../model';
import {
  type Body,
  oneOf,
  optionalInteger,
  optionalNumber,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from '../request-fields';
import { validateResourceName, validateTags } from '../validation';
import type { ApiContext } from './context';
import { page } from './paging';

/**
 * Locally a compute environment is a share of this host: MANAGED ones are bounded by
 * computeResources.maxvCpus, UNMANAGED ones by unmanagedvCpus (or the whole host), and all share
 * the host's memory. Networking fields (subnets, security groups, instance types...) are kept
 * and shown, never used. It is VALID at once (no CREATING phase).
 */
function parseComputeResources(body: Body | undefined, required: boolean): ComputeResource | undefined {
  if (!body) {
    if (required) throw new ClientException('computeResources is required for a MANAGED compute environment');
    return undefined;
  }
  const maxvCpus = optionalNumber(body, 'maxvCpus');
  if (required && maxvCpus === undefined) throw new ClientException('computeResources.maxvCpus is required');
  if (maxvCpus !== undefined && maxvCpus <= 0) throw new ClientException(`computeResources.maxvCpus must be positive, got ${maxvCpus}`);
  const minvCpus = optionalNumber(body, 'minvCpus');
  if (minvCpus !== undefined && maxvCpus !== undefined && minvCpus > maxvCpus) {
    throw new ClientException(`computeResources.minvCpus (${minvCpus}) cannot exceed maxvCpus (${maxvCpus})`);
  }
  return {
    ...(body as unknown as ComputeResource),
    type: (optionalString(body, 'type') ?? 'EC2') as ComputeResource['type'],
    maxvCpus: maxvCpus as number,
    minvCpus,
    subnets: optionalStringList(body, 'subnets') ?? [],
  };
}

export function createComputeEnvironment(ctx: ApiContext, body: Body): object {
  const name = requiredString(body, 'computeEnvironmentName');
  validateResourceName(name, 'computeEnvironmentName');
  if (ctx.store.computeEnvironments.has(name)) throw new ClientException(`Object already exists: compute environment ${name}`);
  const type = oneOf(requiredString(body, 'type'), 'type', ['MANAGED', 'UNMANAGED'] as const) as 'MANAGED' | 'UNMANAGED';
  const tags = optionalStringMap(body, 'tags') ?? {};
  validateTags(tags);
  const unmanagedvCpus = optionalInteger(body, 'unmanagedvCpus');
  const record: ComputeEnvironmentRecord = {
    computeEnvironmentName: name,
    type,
    state: oneOf(optionalString(body, 'state'), 'state', ['ENABLED', 'DISABLED'] as const) ?? 'ENABLED',
    computeResources: parseComputeResources(optionalObject(body, 'computeResources'), type === 'MANAGED'),
    unmanagedvCpus,
    serviceRole: optionalString(body, 'serviceRole'),
    tags,
  };
  ctx.store.putComputeEnvironment(record);
  ctx.lifecycle.resourcesChanged();
  return { computeEnvironmentName: name, computeEnvironmentArn: ctx.arns.computeEnvironment(name) };
}

export function findComputeEnvironment(ctx: ApiContext, nameOrArn: string): ComputeEnvironmentRecord {
  const name = ctx.arns.nameOf('compute-environment', nameOrArn, 'computeEnvironment');
  const record = ctx.store.computeEnvironments.get(name);
  if (!record) throw new ClientException(`compute environment ${nameOrArn} does not exist`);
  return record;
}

export function renderComputeEnvironment(ctx: ApiContext, ce: ComputeEnvironmentRecord): ComputeEnvironmentDetail {
  return {
    computeEnvironmentName: ce.computeEnvironmentName,
    computeEnvironmentArn: ctx.arns.computeEnvironment(ce.computeEnvironmentName),
    type: ce.type,
    state: ce.state,
    status: 'VALID',
    statusReason: 'ComputeEnvironment Healthy',
    computeResources: ce.computeResources,
    unmanagedvCpus: ce.unmanagedvCpus,
    serviceRole: ce.serviceRole,
    tags: ce.tags,
    containerOrchestrationType: 'ECS',
  };
}

export function describeComputeEnvironments(ctx: ApiContext, body: Body): object {
  const wanted = optionalStringList(body, 'computeEnvironments');
  const all = wanted
    ? wanted.flatMap((ref) => ctx.store.computeEnvironments.get(ctx.arns.nameOf('compute-environment', ref, 'computeEnvironments[]')) ?? [])
    : [...ctx.store.computeEnvironments.values()];
  const { items, nextToken } = page(all, optionalInteger(body, 'maxResults'), optionalString(body, 'nextToken'), 100);
  return { computeEnvironments: items.map((ce) => renderComputeEnvironment(ctx, ce)), nextToken };
}

export function updateComputeEnvironment(ctx: ApiContext, body: Body): object {
  const ce = findComputeEnvironment(ctx, requiredString(body, 'computeEnvironment'));
  const state = oneOf(optionalString(body, 'state'), 'state', ['ENABLED', 'DISABLED'] as const);
  const resources = optionalObject(body, 'computeResources');
  if (resources && ce.type === 'UNMANAGED') throw new ClientException('computeResources cannot be updated on an UNMANAGED compute environment');
  const updated: ComputeEnvironmentRecord = {
    ...ce,
    state: state ?? ce.state,
    unmanagedvCpus: optionalInteger(body, 'unmanagedvCpus') ?? ce.unmanagedvCpus,
    serviceRole: optionalString(body, 'serviceRole') ?? ce.serviceRole,
  };
  if (resources) {
    const merged = { ...ce.computeResources, ...resources };
    updated.computeResources = parseComputeResources(merged as Body, true);
  }
  ctx.store.putComputeEnvironment(updated);
  ctx.lifecycle.resourcesChanged();
  return { computeEnvironmentName: ce.computeEnvironmentName, computeEnvironmentArn: ctx.arns.computeEnvironment(ce.computeEnvironmentName) };
}

export function deleteComputeEnvironment(ctx: ApiContext, body: Body): object {
  const ce = findComputeEnvironment(ctx, requiredString(body, 'computeEnvironment'));
  if (ce.state !== 'DISABLED') throw new ClientException(`Cannot delete compute environment ${ce.computeEnvironmentName}: disable it first (state is ${ce.state})`);
  const user = [...ctx.store.jobQueues.values()].find((jq) => jq.computeEnvironmentOrder.some((o) => o.computeEnvironment === ce.computeEnvironmentName));
  if (user) throw new ClientException(`Cannot delete, found existing JobQueue relationship: job queue ${user.jobQueueName} uses compute environment ${ce.computeEnvironmentName}`);
  ctx.store.deleteComputeEnvironment(ce.computeEnvironmentName);
  ctx.lifecycle.resourcesChanged();
  return {};
}
