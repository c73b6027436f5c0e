import { BatchClient, DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { offerOf, type ComputeOffer } from './compute-offer';

/**
 * The offer of each job queue (by name and by ARN): that of its first compute environment, the one
 * Batch places jobs in while it has room. The same calls work on AWS and on the local stack.
 */
export async function queueOffers(batch: Pick<BatchClient, 'send'>, jobQueues: string[]): Promise<Map<string, ComputeOffer>> {
  const offers = new Map<string, ComputeOffer>();
  if (jobQueues.length === 0) return offers;
  const { jobQueues: queues = [] } = await batch.send(new DescribeJobQueuesCommand({ jobQueues: [...new Set(jobQueues)] }));
  const firstEnvironment = new Map(
    queues.map((q) => [q, [...(q.computeEnvironmentOrder ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))[0]?.computeEnvironment ?? ''] as const),
  );
  const names = [...new Set(firstEnvironment.values())].filter(Boolean);
  const { computeEnvironments = [] } = names.length
    ? await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: names }))
    : { computeEnvironments: [] };
  for (const [queue, environment] of firstEnvironment) {
    const detail = computeEnvironments.find((ce) => ce.computeEnvironmentArn === environment || ce.computeEnvironmentName === environment);
    if (!detail) continue;
    const offer = offerOf(detail);
    if (queue.jobQueueName) offers.set(queue.jobQueueName, offer);
    if (queue.jobQueueArn) offers.set(queue.jobQueueArn, offer);
  }
  return offers;
}
