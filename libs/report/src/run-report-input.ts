import type { BatchClient } from '@aws-sdk/client-batch';
import { costOfRunJobs, defaultPriceTable, type JobsByStep, OfferCache, type RunCost } from '@framefarm/cost';
import type { RunJobs, RunRecordFields } from './run-input';

/** The settings a report shows: a run request and a run record's `settings` both carry them. */
export type ReportedSettings = Pick<RunRecordFields, 'sketch' | 'width' | 'height' | 'fps' | 'totalFrames' | 'framesPerRenderJob'>;

/** What writeRunReport needs of a run besides where its spans and media are. */
export interface RunReportInput {
  run: RunRecordFields;
  jobs: RunJobs;
  cost: RunCost;
}

/**
 * A run's report input from the run as `@framefarm/runs` loads it (its jobs, render children
 * included): the one assembly `framefarm run` (as a run ends) and `framefarm report` (any time
 * later) share. The cost is what the jobs' attempts cost at each queue's capacity as Batch
 * describes it (locally, the stack's default capacity) and the project's price table.
 */
export async function runReportInput(
  batch: Pick<BatchClient, 'send'>,
  run: { runId: string; status: string; settings: ReportedSettings; jobs: JobsByStep },
): Promise<RunReportInput> {
  const { settings, jobs } = run;
  return {
    run: {
      runId: run.runId,
      status: run.status,
      sketch: settings.sketch,
      width: settings.width,
      height: settings.height,
      fps: settings.fps,
      totalFrames: settings.totalFrames,
      framesPerRenderJob: settings.framesPerRenderJob,
    },
    jobs: { plan: jobs.plan, renderArray: jobs.render, renderChildren: jobs.renderChildren, encode: jobs.encode },
    cost: await costOfRunJobs(jobs, new OfferCache(batch), defaultPriceTable(), Date.now()),
  };
}
