import { outcomeOf, readRunState, RunOutcome, RunProgress, RunSources, RunState } from '@framefarm/runs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WatchOptions {
  /** Milliseconds until the next poll, fixed or chosen from the state just read. */
  pollMs: number | ((state: RunState) => number);
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
    const wait = typeof options.pollMs === 'number' ? options.pollMs : options.pollMs(state);
    await sleep(wait, undefined, { signal: options.signal });
  }
}

/**
 * The CLI's poll interval: 400 ms around the changes a run waits on (the plan starting and ending,
 * the encode after the last chunk, whose end is the run's end), 1 s while render jobs draw frames,
 * when a poll only moves the progress bar. A poll is three requests to the stack (the run record,
 * its chunks, DescribeJobs) and costs the CLI about 12 ms of CPU locally (tools/bench/poll-cost.ts).
 */
export function pollInterval(progress: Pick<RunProgress, 'stage' | 'chunksDone' | 'chunks'>): number {
  return progress.stage === 'rendering' && progress.chunksDone < progress.chunks ? 1000 : 400;
}
