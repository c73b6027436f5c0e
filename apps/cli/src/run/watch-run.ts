import { outcomeOf, readRunState, RunOutcome, RunSources, RunState } from '@framefarm/runs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WatchOptions {
  pollMs: number;
  onState?: (state: RunState) => void;
  signal?: AbortSignal;
}

/** Polls until the run succeeds or fails. */
export async function watchRun(
  sources: Pick<RunSources, 'batch' | 'store'>,
  runId: string,
  planJobId: string,
  options: WatchOptions,
): Promise<{ outcome: Exclude<RunOutcome, 'running'>; state: RunState }> {
  for (;;) {
    const state = await readRunState(sources, runId, { planJobId });
    options.onState?.(state);
    const outcome = outcomeOf(state);
    if (outcome !== 'running') return { outcome, state };
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
}
