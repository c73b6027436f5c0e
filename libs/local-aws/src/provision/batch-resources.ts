import {
  BatchClient,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  RegisterJobDefinitionCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
  type JobDefinition,
} from '@aws-sdk/client-batch';
import { allJobSpecs, LOCAL_COMPUTE_ENVIRONMENT, LOCAL_RESOURCES, STACK_CAPACITY_DEFAULTS } from '@framefarm/job-specs';
import type { Capacity } from '../capacity';
import { sameJobDefinition, type JobDefinitionInput } from './desired-job-definitions';


export interface ProvisionedResource {
  name: string;
  arn: string;
  /** What provisioning did: created it, updated it in place, or found it as wanted. */
  action: 'created' | 'updated' | 'unchanged';
}

/** The stack's default capacity (Spot or On-Demand, its instance types), which prices local runs. */
const STACK_LIKE_RESOURCES = {
  type: STACK_CAPACITY_DEFAULTS.spot ? 'SPOT' : 'EC2',
  instanceTypes: [...STACK_CAPACITY_DEFAULTS.instanceTypes],
} as const;

const sameTypes = (a: string[] | undefined, b: readonly string[]): boolean => (a ?? []).length === b.length && b.every((t) => a?.includes(t));

/**
 * One MANAGED compute environment whose maxvCpus is this machine's capacity, described as the
 * stack's default capacity so that local runs are priced as deployed ones would be.
 */
export async function ensureComputeEnvironment(batch: BatchClient, capacity: Capacity): Promise<ProvisionedResource> {
  const maxvCpus = Math.max(1, Math.floor(capacity.vcpus));
  const { computeEnvironments = [] } = await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [LOCAL_COMPUTE_ENVIRONMENT] }));
  const existing = computeEnvironments[0];
  if (!existing) {
    const created = await batch.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: LOCAL_COMPUTE_ENVIRONMENT,
        type: 'MANAGED',
        state: 'ENABLED',
        computeResources: { ...STACK_LIKE_RESOURCES, instanceTypes: [...STACK_LIKE_RESOURCES.instanceTypes], minvCpus: 0, maxvCpus, subnets: [] },
      }),
    );
    return { name: LOCAL_COMPUTE_ENVIRONMENT, arn: created.computeEnvironmentArn ?? '', action: 'created' };
  }
  const resources = existing.computeResources;
  const stackLike = resources?.type === STACK_LIKE_RESOURCES.type && sameTypes(resources.instanceTypes, STACK_LIKE_RESOURCES.instanceTypes);
  if (resources?.maxvCpus !== maxvCpus || existing.state !== 'ENABLED' || !stackLike) {
    await batch.send(
      new UpdateComputeEnvironmentCommand({
        computeEnvironment: LOCAL_COMPUTE_ENVIRONMENT,
        state: 'ENABLED',
        // A state directory from before (one "optimal" EC2 environment) follows the stack too.
        computeResources: { maxvCpus, type: STACK_LIKE_RESOURCES.type, instanceTypes: [...STACK_LIKE_RESOURCES.instanceTypes] },
      }),
    );
    return { name: LOCAL_COMPUTE_ENVIRONMENT, arn: existing.computeEnvironmentArn ?? '', action: 'updated' };
  }
  return { name: LOCAL_COMPUTE_ENVIRONMENT, arn: existing.computeEnvironmentArn ?? '', action: 'unchanged' };
}

/** One job queue per step, with the spec's priority, in front of the local compute environment. */
export async function ensureJobQueues(batch: BatchClient, prefix = LOCAL_RESOURCES.prefix): Promise<Record<string, ProvisionedResource>> {
  const specs = allJobSpecs(prefix);
  const { jobQueues = [] } = await batch.send(new DescribeJobQueuesCommand({ jobQueues: specs.map((s) => s.jobQueueName) }));
  const result: Record<string, ProvisionedResource> = {};
  for (const spec of specs) {
    const name = spec.jobQueueName;
    const existing = jobQueues.find((q) => q.jobQueueName === name);
    const order = [{ order: 1, computeEnvironment: LOCAL_COMPUTE_ENVIRONMENT }];
    if (!existing) {
      const created = await batch.send(new CreateJobQueueCommand({ jobQueueName: name, state: 'ENABLED', priority: spec.queuePriority, computeEnvironmentOrder: order }));
      result[spec.step] = { name, arn: created.jobQueueArn ?? '', action: 'created' };
      continue;
    }
    const ces = (existing.computeEnvironmentOrder ?? []).map((o) => o.computeEnvironment ?? '');
    const pointsHere = ces.length === 1 && (ces[0] === LOCAL_COMPUTE_ENVIRONMENT || ces[0].endsWith(`/${LOCAL_COMPUTE_ENVIRONMENT}`));
    if (existing.priority !== spec.queuePriority || existing.state !== 'ENABLED' || !pointsHere) {
      await batch.send(new UpdateJobQueueCommand({ jobQueue: name, state: 'ENABLED', priority: spec.queuePriority, computeEnvironmentOrder: order }));
      result[spec.step] = { name, arn: existing.jobQueueArn ?? '', action: 'updated' };
    } else {
      result[spec.step] = { name, arn: existing.jobQueueArn ?? '', action: 'unchanged' };
    }
  }
  return result;
}

async function latestActiveRevision(batch: BatchClient, name: string): Promise<JobDefinition | undefined> {
  let latest: JobDefinition | undefined;
  let nextToken: string | undefined;
  do {
    const page = await batch.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: name, status: 'ACTIVE', nextToken }));
    for (const def of page.jobDefinitions ?? []) {
      if (!latest || (def.revision ?? 0) > (latest.revision ?? 0)) latest = def;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return latest;
}

/** Registers a definition unless its latest ACTIVE revision already runs the same way. */
export async function ensureJobDefinition(batch: BatchClient, desired: JobDefinitionInput): Promise<ProvisionedResource & { revision: number }> {
  const latest = await latestActiveRevision(batch, desired.jobDefinitionName);
  if (latest && sameJobDefinition(latest, desired)) {
    return { name: desired.jobDefinitionName, arn: latest.jobDefinitionArn ?? '', revision: latest.revision ?? 0, action: 'unchanged' };
  }
  const registered = await batch.send(new RegisterJobDefinitionCommand(desired));
  return {
    name: desired.jobDefinitionName,
    arn: registered.jobDefinitionArn ?? '',
    revision: registered.revision ?? 0,
    action: latest ? 'updated' : 'created',
  };
}
