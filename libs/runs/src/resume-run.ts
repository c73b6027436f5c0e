import type { RunStore } from '@framefarm/run-store';
import { loadRun } from './load-run';
import { runStatusOf } from './run-state';
import type { RunSources } from './sources';
import { submitPlan, type PlanTarget } from './submit-plan';

export class RunNotResumableError extends Error {
  override readonly name = 'RunNotResumableError';
}

export type ResumeSources = Pick<RunSources, 'batch'> & { store: { records: Pick<RunStore['records'], 'getRun' | 'listChunks' | 'table' | 'updateRun'> } };

/**
 * Resumes a failed (or cancelled) run: the record forgets the failed render and encode jobs, and a
 * new plan job with the same run id and settings submits new ones. Chunks already rendered with the
 * same settings are skipped by render, so nothing is rendered twice. Returns the new plan job id.
 */
export async function resumeRun(sources: ResumeSources, target: PlanTarget, runId: string): Promise<string> {
  const run = await loadRun(sources, runId);
  if (runStatusOf(run) !== 'FAILED') {
    throw new RunNotResumableError(`run ${runId} is ${runStatusOf(run) ?? 'not started'}: only a failed or cancelled run can be resumed`);
  }
  const settings = run.record.settings;
  // Only from the status just read: of two resumes at once, one wins and the other is told. That
  // status is FAILED after a cancel, but RENDERING when the render array failed by itself (encode,
  // which would have recorded the failure, never ran): Batch said FAILED above.
  const reset = await sources.store.records.updateRun(runId, { status: 'PLANNED' }, [run.record.status], ['renderJobId', 'encodeJobId', 'error']);
  if (!reset) throw new RunNotResumableError(`run ${runId} changed meanwhile (resumed elsewhere?): look at it again`);
  const planJobId = await submitPlan(sources.batch, target, settings, settings.sketch);
  await sources.store.records.updateRun(runId, { planJobId });
  return planJobId;
}
