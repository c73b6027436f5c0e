import type { CostView } from '@framefarm/dashboard-server/api-types';
import { usd } from '../format';

/** The run's cost so far (or final), the failed attempts' part apart, and the projection while it runs. */
export function CostLine({ cost, running }: { cost?: CostView; running: boolean }) {
  if (!cost) return <span class="muted">no cost yet</span>;
  return (
    <span class="cost" title={cost.pricesNote}>
      {usd(cost.totalUsd)}
      {cost.failedUsd > 0 ? <span class="cost-failed"> ({usd(cost.failedUsd)} in failed attempts)</span> : null}
      {running && cost.projectedUsd !== undefined ? <span class="muted"> → about {usd(cost.projectedUsd)} when done</span> : null}
    </span>
  );
}
