import { BatchClient } from '@aws-sdk/client-batch';
import { describeJobs } from '@framefarm/batch-client';
import { RunStore } from '@framefarm/run-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { outcomeOf, RunOutcome, RunState } from './run-state';

export interface WatchOptions {
  pollMs: number;
  onState?: (state: RunState) => void;
  signal?: AbortSignal;
}

/** One poll: the plan job, the run record plan wrote, then the render and encode jobs it names. */
export async function readRunState(batch: BatchClient, store: RunStore, runId: string, planJobId?: string): Promise<RunState> {
  const [record, chunks] = await Promise.all([store.records.getRun(runId), store.records.listChunks(runId)]);
  const ids = [planJobId ?? record?.planJobId, record?.renderJobId, record?.encodeJobId].filter((id): id is string => Boolean(id));
  const jobs = await describeJobs(batch, ids);
  const job = (id?: string) => (id ? jobs.get(id) : undefined);
  return { plan: job(planJobId ?? record?.planJobId), render: job(record?.renderJobId), encode: job(record?.encodeJobId), record, chunks };
}

/** Polls until the run succeeds or fails. */
export async function watchRun(
  batch: BatchClient,
  store: RunStore,
  runId: string,
  planJobId: string,
  options: WatchOptions,
): Promise<{ outcome: Exclude<RunOutcome, 'running'>; state: RunState }> {
  for (;;) {
    const state = await readRunState(batch, store, runId, planJobId);
    options.onState?.(state);
    const outcome = outcomeOf(state);
    if (outcome !== 'running') return { outcome, state };
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
}
