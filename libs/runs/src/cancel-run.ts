import { CancelJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { parseChildJobId } from '@framefarm/batch-client';
import type { RunStore } from '@framefarm/run-store';
import { isUnfinished, loadRun, runJobsInOrder } from './load-run';
import type { RunSources } from './sources';

const STARTED = new Set(['STARTING', 'RUNNING']);

export type CancelSources = Pick<RunSources, 'batch'> & { store: { records: Pick<RunStore['records'], 'getRun' | 'listChunks' | 'table' | 'updateRun'> } };

/**
 * Stops a run. Batch's CancelJob does nothing to a job that already started, so started jobs (and
 * started children of the render array) are terminated; the rest are cancelled, which fails their
 * dependents. Children that have not started go with their cancelled parent. Returns how many
 * jobs it stopped.
 */
export async function cancelRun(sources: CancelSources, runId: string, reason: string): Promise<number> {
  const run = await loadRun(sources, runId);
  let stopped = 0;
  for (const job of runJobsInOrder(run).filter(isUnfinished)) {
    const started = STARTED.has(job.status ?? '');
    if (!job.jobId || (parseChildJobId(job.jobId) && !started)) continue;
    const command = started ? new TerminateJobCommand({ jobId: job.jobId, reason }) : new CancelJobCommand({ jobId: job.jobId, reason });
    await sources.batch.send(command);
    stopped++;
  }
  await sources.store.records.updateRun(runId, { status: 'FAILED', error: reason }, ['PLANNED', 'RENDERING', 'ENCODING']);
  return stopped;
}
