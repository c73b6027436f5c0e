import type { BatchClient, JobDetail } from '@aws-sdk/client-batch';
import { attemptUsagesOf } from './batch-usage';
import type { ComputeOffer } from './compute-offer';
import type { PriceTable } from './price-table';
import { queueOffers } from './queue-offers';
import { runCost, type RunCost } from './run-cost';

/** A run's jobs by step, as the cost breaks them down. */
export interface JobsByStep {
  plan?: JobDetail;
  renderChildren: JobDetail[];
  /** A single-chunk run's render job is a plain job, not an array. */
  render?: JobDetail;
  encode?: JobDetail;
}

/** Remembers each queue's offer: compute environments do not change while a dashboard looks. */
export class OfferCache {
  private readonly offers = new Map<string, ComputeOffer>();

  constructor(private readonly batch: Pick<BatchClient, 'send'>) {}

  async forQueues(queues: string[]): Promise<Map<string, ComputeOffer>> {
    const missing = [...new Set(queues)].filter((q) => !this.offers.has(q));
    if (missing.length > 0) for (const [queue, offer] of await queueOffers(this.batch, missing)) this.offers.set(queue, offer);
    return this.offers;
  }
}

/** What the run's attempts cost so far (each at its own queue's price). */
export async function costOfRunJobs(jobs: JobsByStep, offers: OfferCache, prices: PriceTable, now: number): Promise<RunCost> {
  const byStep: Array<[string, JobDetail]> = [
    ...(jobs.plan ? [['plan', jobs.plan] as [string, JobDetail]] : []),
    ...(jobs.renderChildren.length > 0 ? jobs.renderChildren : jobs.render ? [jobs.render] : []).map((job) => ['render', job] as [string, JobDetail]),
    ...(jobs.encode ? [['encode', jobs.encode] as [string, JobDetail]] : []),
  ];
  const known = await offers.forQueues(byStep.map(([, job]) => job.jobQueue ?? '').filter(Boolean));
  const usages = byStep.flatMap(([step, job]) => {
    const offer = known.get(job.jobQueue ?? '');
    return offer ? attemptUsagesOf(job, step, offer) : [];
  });
  return runCost(usages, prices, now);
}
