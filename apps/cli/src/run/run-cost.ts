import type { BatchClient, JobDetail } from '@aws-sdk/client-batch';
import { costOfRunJobs, defaultPriceTable, OfferCache, type RunCost } from '@framefarm/cost';

/**
 * What a run's job attempts cost at the stack's prices: each queue's capacity as Batch describes it
 * (locally, the stack's default capacity), the project's price table.
 */
export function runCostOf(clients: { batch: Pick<BatchClient, 'send'> }, jobs: { plan?: JobDetail; render?: JobDetail; renderChildren: JobDetail[]; encode?: JobDetail }): Promise<RunCost> {
  return costOfRunJobs(jobs, new OfferCache(clients.batch), defaultPriceTable(), Date.now());
}
