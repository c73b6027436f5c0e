import type { ContainerProperties, JobDefinition, LogConfiguration } from '@aws-sdk/client-batch';
import { ClientException } from '../errors';
import type { JobDefinitionRecord } from '../model';
import {
  type Body,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalObjectList,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from '../request-fields';
import {
  parseEnvironment,
  parseResourceRequirements,
  parseRetryStrategy,
  parseTimeout,
  validateResourceName,
  validateTags,
} from '../validation';
import type { ApiContext } from './context';
import { page } from './paging';

function parseContainerProperties(body: Body | undefined): ContainerProperties {
  if (!body) throw new ClientException('containerProperties is required for a job definition of type container');
  const image = requiredString(body, 'image');
  const vcpus = optionalInteger(body, 'vcpus');
  const memory = optionalInteger(body, 'memory');
  if (vcpus !== undefined && vcpus < 1) throw new ClientException(`containerProperties.vcpus must be at least 1, got ${vcpus}`);
  if (memory !== undefined && memory < 4) throw new ClientException(`containerProperties.memory must be at least 4 MiB, got ${memory}`);
  const logConfiguration = optionalObject(body, 'logConfiguration');
  if (logConfiguration) requiredString(logConfiguration, 'logDriver');
  return {
    ...(body as ContainerProperties), // fields the engine does not use (roles, volumes...) are kept and shown
    image,
    command: optionalStringList(body, 'command'),
    environment: parseEnvironment(optionalObjectList(body, 'environment'), 'containerProperties.environment'),
    resourceRequirements: parseResourceRequirements(optionalObjectList(body, 'resourceRequirements'), 'containerProperties.resourceRequirements'),
    vcpus,
    memory,
    logConfiguration: logConfiguration as LogConfiguration | undefined,
  };
}

export function registerJobDefinition(ctx: ApiContext, body: Body): object {
  const name = requiredString(body, 'jobDefinitionName');
  validateResourceName(name, 'jobDefinitionName');
  const type = requiredString(body, 'type');
  if (type !== 'container') throw new ClientException(`type ${type} is not supported by the local Batch engine; use container`);
  const tags = optionalStringMap(body, 'tags') ?? {};
  validateTags(tags);
  const revisions = ctx.store.jobDefinitions.get(name) ?? [];
  const record: JobDefinitionRecord = {
    jobDefinitionName: name,
    revision: revisions.length + 1,
    status: 'ACTIVE',
    type,
    parameters: optionalStringMap(body, 'parameters') ?? {},
    containerProperties: parseContainerProperties(optionalObject(body, 'containerProperties')),
    retryStrategy: parseRetryStrategy(optionalObject(body, 'retryStrategy')),
    timeout: parseTimeout(optionalObject(body, 'timeout'), ctx.minimumTimeoutSeconds),
    propagateTags: optionalBoolean(body, 'propagateTags'),
    platformCapabilities: optionalStringList(body, 'platformCapabilities') as JobDefinitionRecord['platformCapabilities'],
    schedulingPriority: optionalInteger(body, 'schedulingPriority'),
    tags,
  };
  ctx.store.putJobDefinition(record);
  return { jobDefinitionName: name, jobDefinitionArn: ctx.arns.jobDefinition(name, record.revision), revision: record.revision };
}

/**
 * `name` (latest ACTIVE revision), `name:revision` or an ARN (any revision, as AWS lets a job
 * name an INACTIVE revision explicitly only for describing: submitting one is refused).
 */
export function findJobDefinition(ctx: ApiContext, ref: string): JobDefinitionRecord {
  const nameAndRevision = ctx.arns.nameOf('job-definition', ref, 'jobDefinition');
  const colon = nameAndRevision.lastIndexOf(':');
  if (colon < 0) {
    const active = (ctx.store.jobDefinitions.get(nameAndRevision) ?? []).filter((d) => d.status === 'ACTIVE');
    const latest = active[active.length - 1];
    if (!latest) throw new ClientException(`job definition ${ref} does not exist or has no ACTIVE revision`);
    return latest;
  }
  const revision = Number(nameAndRevision.slice(colon + 1));
  const found = ctx.store.jobDefinitions.get(nameAndRevision.slice(0, colon))?.[revision - 1];
  if (!Number.isInteger(revision) || !found) throw new ClientException(`job definition ${ref} does not exist`);
  return found;
}

export function renderJobDefinition(ctx: ApiContext, jd: JobDefinitionRecord): JobDefinition {
  return {
    jobDefinitionName: jd.jobDefinitionName,
    jobDefinitionArn: ctx.arns.jobDefinition(jd.jobDefinitionName, jd.revision),
    revision: jd.revision,
    status: jd.status,
    type: jd.type,
    parameters: jd.parameters,
    containerProperties: jd.containerProperties,
    retryStrategy: jd.retryStrategy,
    timeout: jd.timeout,
    propagateTags: jd.propagateTags,
    platformCapabilities: jd.platformCapabilities,
    schedulingPriority: jd.schedulingPriority,
    tags: jd.tags,
    containerOrchestrationType: 'ECS',
  };
}

/** `name:revision` or its ARN → that revision; a bare name → every revision, as AWS lists them. */
function revisionsNamed(ctx: ApiContext, ref: string): JobDefinitionRecord[] {
  const bare = ctx.arns.nameOf('job-definition', ref, 'jobDefinitions[]');
  const colon = bare.lastIndexOf(':');
  if (colon < 0) return ctx.store.jobDefinitions.get(bare) ?? [];
  const revision = ctx.store.jobDefinitions.get(bare.slice(0, colon))?.[Number(bare.slice(colon + 1)) - 1];
  return revision ? [revision] : [];
}

export function describeJobDefinitions(ctx: ApiContext, body: Body): object {
  const refs = optionalStringList(body, 'jobDefinitions');
  const name = optionalString(body, 'jobDefinitionName');
  const status = oneOf(optionalString(body, 'status'), 'status', ['ACTIVE', 'INACTIVE'] as const);
  let all: JobDefinitionRecord[];
  if (refs) {
    if (refs.length > 100) throw new ClientException(`jobDefinitions can list at most 100 entries, got ${refs.length}`);
    all = refs.flatMap((ref) => revisionsNamed(ctx, ref));
  } else if (name !== undefined) {
    all = ctx.store.jobDefinitions.get(name) ?? [];
  } else {
    all = [...ctx.store.jobDefinitions.values()].flat();
  }
  if (status) all = all.filter((d) => d.status === status);
  const { items, nextToken } = page(all, optionalInteger(body, 'maxResults'), optionalString(body, 'nextToken'), 100);
  return { jobDefinitions: items.map((jd) => renderJobDefinition(ctx, jd)), nextToken };
}

export function deregisterJobDefinition(ctx: ApiContext, body: Body): object {
  const ref = requiredString(body, 'jobDefinition');
  if (!ctx.arns.nameOf('job-definition', ref, 'jobDefinition').includes(':')) {
    throw new ClientException(`jobDefinition must name a revision (name:revision or its ARN), got ${ref}`);
  }
  const jd = findJobDefinition(ctx, ref);
  ctx.store.putJobDefinition({ ...jd, status: 'INACTIVE' });
  return {};
}
