import type { ComputeOffer } from './compute-offer';
import { hourlyRate, type JobSize } from './hourly-rate';
import type { PriceTable } from './price-table';

/** One attempt of one job: what it held and for how long. */
export interface AttemptUsage {
  /** The step (plan, render, encode) or any other name the cost is broken down by. */
  step: string;
  size: JobSize;
  offer: ComputeOffer;
  /** Epoch milliseconds, as Batch reports them. */
  startedAt: number;
  /** Absent while the attempt runs: it is costed up to `now`. */
  stoppedAt?: number;
  outcome: 'succeeded' | 'failed' | 'running';
}

export interface RunCost {
  currency: 'USD';
  /** Everything the run's attempts held so far, failed and retried ones included. */
  totalUsd: number;
  succeededUsd: number;
  /** Attempts that failed: the price of retries and of the failure itself. */
  failedUsd: number;
  /** Attempts still running, up to `now`. */
  runningUsd: number;
  byStep: Record<string, number>;
  vcpuHours: number;
  /** The price table the figures come from. */
  prices: { region: string; asOf: string };
}

const HOUR_MS = 3_600_000;

/** The run's cost from its attempts: rate × time held, each attempt at its own queue's price. */
export function runCost(attempts: AttemptUsage[], table: PriceTable, now: number): RunCost {
  const cost: RunCost = {
    currency: 'USD',
    totalUsd: 0,
    succeededUsd: 0,
    failedUsd: 0,
    runningUsd: 0,
    byStep: {},
    vcpuHours: 0,
    prices: { region: table.region, asOf: table.asOf },
  };
  for (const attempt of attempts) {
    const hours = Math.max(0, (attempt.stoppedAt ?? now) - attempt.startedAt) / HOUR_MS;
    const usd = hourlyRate(attempt.size, attempt.offer, table).usdPerHour * hours;
    cost.totalUsd += usd;
    cost.vcpuHours += attempt.size.vcpus * hours;
    cost.byStep[attempt.step] = (cost.byStep[attempt.step] ?? 0) + usd;
    if (attempt.outcome === 'succeeded') cost.succeededUsd += usd;
    else if (attempt.outcome === 'failed') cost.failedUsd += usd;
    else cost.runningUsd += usd;
  }
  return cost;
}

/**
 * The cost the run will have when done, while it renders: what it spent, plus the rest of its
 * frames at the render cost per frame so far. Undefined until a frame is done (nothing to go by).
 */
export function projectedCostUsd(cost: RunCost, renderStep: string, progress: { framesDone: number; framesTotal: number }): number | undefined {
  if (progress.framesDone <= 0 || progress.framesTotal <= 0) return undefined;
  const remaining = Math.max(0, progress.framesTotal - progress.framesDone);
  const renderSoFar = cost.byStep[renderStep] ?? 0;
  return cost.totalUsd + (renderSoFar / progress.framesDone) * remaining;
}
