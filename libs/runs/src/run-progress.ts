import type { ChunkRecord } from '@framefarm/run-store';
import { outcomeOf, type RunState } from './run-state';

/** Where a run stands, in the words the CLI's progress line and the dashboard both use. */
export type RunStage = 'submitted' | 'planning' | 'rendering' | 'encoding' | 'succeeded' | 'failed';

/** A snapshot of a run's progress. */
export interface RunProgress {
  stage: RunStage;
  framesDone: number;
  totalFrames: number;
  chunksDone: number;
  chunks: number;
  elapsedMs: number;
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
