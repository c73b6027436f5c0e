import type { JobDetail } from '@aws-sdk/client-batch';
import { TERMINAL_STATUSES } from '@framefarm/batch-client';
import type { ChunkRecord, RunRecord, RunStatus } from '@framefarm/run-store';

/** What is known of a run at one look: its Batch jobs and its records. */
export interface RunState {
  plan?: JobDetail;
  /** The render array job (or the one plain render job of a single-chunk run). */
  render?: JobDetail;
  encode?: JobDetail;
  record?: RunRecord;
  chunks: ChunkRecord[];
}

export type RunOutcome = 'running' | 'succeeded' | 'failed';

export function outcomeOf(state: RunState): RunOutcome {
  if (state.plan?.status === 'FAILED' || state.encode?.status === 'FAILED') return 'failed';
  if (state.encode?.status === 'SUCCEEDED') return 'succeeded';
  // Plan succeeded without recording its children: nothing more will happen.
  if (state.plan?.status === 'SUCCEEDED' && state.record && (!state.record.renderJobId || !state.record.encodeJobId)) return 'failed';
  return 'running';
}

/**
 * The run's status: the record's, unless Batch already says the run is over. A render array
 * that was terminated never lets encode write FAILED into the record, so Batch decides then.
 * Encode records SUCCEEDED just before its job ends (its spans are still being sent): until
 * Batch says the encode job has ended too, the run is still ENCODING, as its stage says.
 */
export function runStatusOf(state: RunState): RunStatus | undefined {
  const outcome = outcomeOf(state);
  if (outcome === 'failed' || state.render?.status === 'FAILED') return 'FAILED';
  if (outcome === 'succeeded' && state.record?.status !== 'FAILED') return state.record?.status ?? 'SUCCEEDED';
  const encodeStatus = state.encode?.status;
  if (state.record?.status === 'SUCCEEDED' && encodeStatus !== undefined && !TERMINAL_STATUSES.includes(encodeStatus)) return 'ENCODING';
  return state.record?.status;
}
