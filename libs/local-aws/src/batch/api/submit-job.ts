import { randomUUID } from 'node:crypto';
import type { ContainerOverrides, JobDependency } from '@aws-sdk/client-batch';
import { ClientException } from '../errors';
import type { JobRecord, JobSubmission } from '../model';
import {
  type Body,
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
  validateArraySize,
  validateDependencyCount,
  validateJobName,
  validatePayloadSize,
  validateTags,
} from '../validation';
import type { ApiContext } from './context';
import { findJobDefinition } from './job-definitions';
import { findJobQueue } from './job-queues';

function parseOverrides(body: Body | undefined): ContainerOverrides | undefined {
  if (!body) return undefined;
  return {
    command: optionalStringList(body, 'command'),
    environment: parseEnvironment(optionalObjectList(body, 'environment'), 'containerOverrides.environment'),
    resourceRequirements: parseResourceRequirements(optionalObjectList(body, 'resourceRequirements'), 'containerOverrides.resourceRequirements'),
    vcpus: optionalInteger(body, 'vcpus'),
    memory: optionalInteger(body, 'memory'),
    instanceType: optionalString(body, 'instanceType'),
  };
}

function parseDependencies(ctx: ApiContext, list: Body[] | undefined, arraySize: number | undefined): JobDependency[] {
  if (!list) return [];
  validateDependencyCount(list.length);
  return list.map((entry, i): JobDependency => {
    const jobId = optionalString(entry, 'jobId');
    const type = optionalString(entry, 'type');
    const at = `dependsOn[${i}]`;
    if (type !== undefined && type !== 'N_TO_N' && type !== 'SEQUENTIAL') throw new ClientException(`${at}.type must be N_TO_N or SEQUENTIAL, got ${type}`);
    if (type === 'SEQUENTIAL') {
      if (arraySize === undefined) throw new ClientException(`${at}: a SEQUENTIAL dependency is only allowed on an array job (set arrayProperties.size)`);
      if (jobId !== undefined) throw new ClientException(`${at}: a SEQUENTIAL dependency takes no jobId; it orders the children of the job being submitted`);
      return { type };
    }
    if (jobId === undefined) throw new ClientException(`${at}.jobId is required`);
    const dependency = ctx.store.jobs.get(jobId);
    if (!dependency) throw new ClientException(`${at}.jobId ${jobId} does not exist`);
    if (type === 'N_TO_N') {
      if (arraySize === undefined) throw new ClientException(`${at}: an N_TO_N dependency is only allowed on an array job (set arrayProperties.size)`);
      const otherSize = dependency.submission?.arraySize;
      if (otherSize === undefined) throw new ClientException(`${at}: N_TO_N dependency ${jobId} is not an array job`);
      if (otherSize !== arraySize) {
        throw new ClientException(`${at}: N_TO_N needs arrays of the same size, but ${jobId} has size ${otherSize} and this job has size ${arraySize}`);
      }
      return { jobId, type };
    }
    return { jobId };
  });
}

export function submitJob(ctx: ApiContext, body: Body): object {
  ctx.submitLimit?.take('SubmitJob');
  validatePayloadSize(ctx.bodyBytes);
  const jobName = requiredString(body, 'jobName');
  validateJobName(jobName);
  const queue = findJobQueue(ctx, requiredString(body, 'jobQueue'));
  if (queue.state !== 'ENABLED') throw new ClientException(`job queue ${queue.jobQueueName} is DISABLED and accepts no new jobs`);
  const definition = findJobDefinition(ctx, requiredString(body, 'jobDefinition'));
  if (definition.status !== 'ACTIVE') {
    throw new ClientException(`job definition ${definition.jobDefinitionName}:${definition.revision} is INACTIVE; submit with an ACTIVE revision`);
  }
  const arrayProperties = optionalObject(body, 'arrayProperties');
  const arraySize = arrayProperties ? optionalInteger(arrayProperties, 'size') : undefined;
  if (arraySize !== undefined) validateArraySize(arraySize);
  const tags = optionalStringMap(body, 'tags') ?? {};
  validateTags(tags);
  const submission: JobSubmission = {
    jobName,
    jobQueueName: queue.jobQueueName,
    jobDefinitionName: definition.jobDefinitionName,
    jobDefinitionRevision: definition.revision,
    dependsOn: parseDependencies(ctx, optionalObjectList(body, 'dependsOn'), arraySize),
    parameters: optionalStringMap(body, 'parameters') ?? {},
    containerOverrides: parseOverrides(optionalObject(body, 'containerOverrides')),
    retryStrategy: parseRetryStrategy(optionalObject(body, 'retryStrategy')),
    timeout: parseTimeout(optionalObject(body, 'timeout'), ctx.minimumTimeoutSeconds),
    arraySize,
    propagateTags: optionalBoolean(body, 'propagateTags'),
    shareIdentifier: optionalString(body, 'shareIdentifier'),
    schedulingPriorityOverride: optionalInteger(body, 'schedulingPriorityOverride'),
  };
  const job: JobRecord = { jobId: randomUUID(), submission, status: 'SUBMITTED', createdAt: Date.now(), attempts: [], tags };
  ctx.lifecycle.submit(job);
  return { jobArn: ctx.arns.job(job.jobId), jobName, jobId: job.jobId };
}
