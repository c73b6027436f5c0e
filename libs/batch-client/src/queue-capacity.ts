import { BatchClient, DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';

/**
 * The vCPUs a job queue can run jobs on at once: the sum over its enabled compute environments
 * of their most (a managed one's computeResources.maxvCpus, an unmanaged one's unmanagedvCpus).
 * Undefined when the queue is unknown or none of its environments says: the caller picks a
 * default then.
 */
export async function jobQueueVcpus(batch: Pick<BatchClient, 'send'>, jobQueue: string): Promise<number | undefined> {
  const { jobQueues = [] } = await batch.send(new DescribeJobQueuesCommand({ jobQueues: [jobQueue] }));
  const names = (jobQueues[0]?.computeEnvironmentOrder ?? []).map((entry) => entry.computeEnvironment).filter((name): name is string => Boolean(name));
  if (names.length === 0) return undefined;
  const { computeEnvironments = [] } = await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: names }));
  const vcpus = computeEnvironments
    .filter((environment) => environment.state !== 'DISABLED')
    .map((environment) => (environment.type === 'UNMANAGED' ? environment.unmanagedvCpus : environment.computeResources?.maxvCpus) ?? 0)
    .reduce((sum, n) => sum + n, 0);
  return vcpus > 0 ? vcpus : undefined;
}
