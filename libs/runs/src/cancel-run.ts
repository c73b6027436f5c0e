import { CancelJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { parseChildJobId } from '@framefarm/batch-client';
import type { RunStore } from '@framefarm/run-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { isUnfinished, loadRun, runJobsInOrder } from './load-run';
import type { RunSources } from './sources';

const STARTED = new Set(['STARTING', 'RUNNING']);

/** How often and how long cancel reads the run again while its plan job has not ended. */
const PLAN_WAIT = { everyMs: 500, passes: 120 };

export type CancelSources = Pick<RunSources, 'batch'> & { store: { records: Pick<RunStore['records'], 'getRun' | 'listChunks' | 'table' | 'updateRun'> } };

/**
 * Stops a run. Batch's CancelJob does nothing to a job that already started, so started jobs (and
 * started children of the render array) are terminated; the rest are cancelled, which fails their
 * dependents. Children that have not started go with their cancelled parent. A plan job that is
 * still running may submit the render and encode jobs after the run was read, so the run is read
 * again until its plan job has ended, and whatever appeared is stopped too. Returns how many jobs
 * it stopped.
 */
export async function cancelRun(sources: CancelSources, runId: string, reason: string): Promise<number> {
  const stopped = new Set<string>();
  for (let pass = 1; ; pass++) {
    const run = await loadRun(sources, runId);
    for (const job of runJobsInOrder(run).filter(isUnfinished)) {
      if (!job.jobId || stopped.has(job.jobId)) continue;
      const started = STARTED.has(job.status ?? '');
      if (parseChildJobId(job.jobId) && !started) continue;
      const command = started ? new TerminateJobCommand({ jobId: job.jobId, reason }) : new CancelJobCommand({ jobId: job.jobId, reason });
      await sources.batch.send(command);
      stopped.add(job.jobId);
    }
    const planEnded = !run.plan || !isUnfinished(run.plan);
    if (planEnded || pass >= PLAN_WAIT.passes) break;
    await sleep(PLAN_WAIT.everyMs);
  }
  await sources.store.records.updateRun(runId, { status: 'FAILED', error: reason }, ['PLANNED', 'RENDERING', 'ENCODING']);
  return stopped.size;
}
