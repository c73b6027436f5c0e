import { JobDetail } from '@aws-sdk/client-batch';
import { ChunkRecord, RunRecord } from '@framefarm/run-store';
import { RunProgress } from '../ui/progress-line';

/** What the CLI knows of a run at one poll: its Batch jobs and its records. */
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

const chunkDone = (c: ChunkRecord): boolean => c.status === 'SUCCEEDED' || c.status === 'SKIPPED';

export function progressOf(state: RunState, totalFrames: number, chunks: number, elapsedMs: number): RunProgress {
  const outcome = outcomeOf(state);
  const planStatus = state.plan?.status ?? 'SUBMITTED';
  const stage: RunProgress['stage'] =
    outcome !== 'running'
      ? outcome
      : planStatus !== 'SUCCEEDED'
        ? ['STARTING', 'RUNNING'].includes(planStatus)
          ? 'planning'
          : 'submitted'
        : ['STARTING', 'RUNNING'].includes(state.encode?.status ?? '')
          ? 'encoding'
          : 'rendering';
  return {
    stage,
    framesDone: state.chunks.reduce((sum, c) => sum + (chunkDone(c) ? c.end - c.start : c.framesDone), 0),
    totalFrames,
    chunksDone: state.chunks.filter(chunkDone).length,
    chunks,
    elapsedMs,
  };
}
