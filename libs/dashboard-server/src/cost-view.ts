import { projectedCostUsd, type RunCost } from '@framefarm/cost';
import { pricesNote } from '@framefarm/cost/format';
import type { CostView } from './api-types';

export function costView(cost: RunCost, progress?: { framesDone: number; framesTotal: number }): CostView {
  const projected = progress ? projectedCostUsd(cost, 'render', progress) : undefined;
  return {
    totalUsd: cost.totalUsd,
    failedUsd: cost.failedUsd,
    ...(projected !== undefined ? { projectedUsd: projected } : {}),
    byStep: cost.byStep,
    pricesNote: `${pricesNote(cost.prices)}; vCPU and memory held by every attempt, failed ones included`,
  };
}
