import { BatchClient, ComputeEnvironmentDetail, DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';

/** The most vCPUs a compute environment runs at once: a managed one's computeResources.maxvCpus, an unmanaged one's unmanagedvCpus. */
export const environmentVcpus = (environment: ComputeEnvironmentDetail): number =>
  (environment.type === 'UNMANAGED' ? environment.unmanagedvCpus : environment.computeResources?.maxvCpus) ?? 0;

/** Whether a compute environment takes jobs: any not DISABLED (one without a state counts as enabled). */
export const environmentIsEnabled = (environment: ComputeEnvironmentDetail): boolean => environment.state !== 'DISABLED';

/** What a queue's compute environments can run at once: the vCPUs of the enabled ones, added up. */
export const enabledVcpus = (environments: readonly ComputeEnvironmentDetail[]): number =>
  environments.filter(environmentIsEnabled).reduce((sum, environment) => sum + environmentVcpus(environment), 0);

/**
 * The vCPUs a job queue can run jobs on at once (`enabledVcpus` of its compute environments).
 * Undefined when the queue is unknown or none of its environments says: the caller picks a
 * default then.
 */
export async function jobQueueVcpus(batch: Pick<BatchClient, 'send'>, jobQueue: string): Promise<number | undefined> {
  const { jobQueues = [] } = await batch.send(new DescribeJobQueuesCommand({ jobQueues: [jobQueue] }));
  const names = (jobQueues[0]?.computeEnvironmentOrder ?? []).map((entry) => entry.computeEnvironment).filter((name): name is string => Boolean(name));
  if (names.length === 0) return undefined;
  const { computeEnvironments = [] } = await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: names }));
  const vcpus = enabledVcpus(computeEnvironments);
  return vcpus > 0 ? vcpus : undefined;
}
