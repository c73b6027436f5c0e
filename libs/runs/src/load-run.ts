import type { JobDetail } from '@aws-sdk/client-batch';
import { describeArrayChildren, describeJobs } from '@framefarm/batch-client';
import { isRunId, RUN_ID_RULE, RunRecord } from '@framefarm/run-store';
import { RunNotFoundError } from './errors';
import { RunState } from './run-state';
import { RunSources } from './sources';

/** The run's job ids as its record names them; `planJobId` may be known before plan records it. */
export interface RunJobIds {
  planJobId?: string;
  renderJobId?: string;
  encodeJobId?: string;
}

/** A run id as the user typed it: checked with the run-id rule before any request is made. */
export function checkRunId(runId: string): string {
  if (!isRunId(runId)) {
    const shown = runId.length > 80 ? `${runId.slice(0, 40)}… (${runId.length} characters)` : runId;
    throw new RunNotFoundError(`"${shown}" is not a run id: a run id is ${RUN_ID_RULE}`);
  }
  return runId;
}

/** The run's record, or RunNotFoundError in words that say where the ids come from. */
export async function requireRun(sources: Pick<RunSources, 'store'>, runId: string): Promise<RunRecord> {
  const record = await sources.store.records.getRun(checkRunId(runId));
  if (!record) throw new RunNotFoundError(`no run ${runId} in table ${sources.store.records.table}; framefarm run and framefarm submit print the run id`);
  return record;
}

/** One look at a run: its record and chunk records, then the plan, render and encode jobs they name. */
export async function readRunState(sources: Pick<RunSources, 'batch' | 'store'>, runId: string, ids: RunJobIds = {}): Promise<RunState> {
  const [record, chunks] = await Promise.all([sources.store.records.getRun(runId), sources.store.records.listChunks(runId)]);
  const planJobId = ids.planJobId ?? record?.planJobId;
  const renderJobId = ids.renderJobId ?? record?.renderJobId;
  const encodeJobId = ids.encodeJobId ?? record?.encodeJobId;
  const jobs = await describeJobs(sources.batch, [planJobId, renderJobId, encodeJobId].filter((id): id is string => Boolean(id)));
  const job = (id?: string) => (id ? jobs.get(id) : undefined);
  return { plan: job(planJobId), render: job(renderJobId), encode: job(encodeJobId), record, chunks };
}

/** A run with every job: the render array's children too (from batch-client, paged by DescribeJobs' limit). */
export interface LoadedRun extends RunState {
  record: RunRecord;
  renderChildren: JobDetail[];
}

export async function loadRun(sources: Pick<RunSources, 'batch' | 'store'>, runId: string, ids: RunJobIds = {}): Promise<LoadedRun> {
  const record = await requireRun(sources, runId);
  const run = await loadRunJobs(sources, runId, ids);
  return { ...run, record: run.record ?? record };
}

/** The same without requiring the record: for a run whose plan failed before writing it. */
export async function loadRunJobs(sources: Pick<RunSources, 'batch' | 'store'>, runId: string, ids: RunJobIds = {}): Promise<RunState & { renderChildren: JobDetail[] }> {
  return withRenderChildren(sources, await readRunState(sources, runId, ids));
}

/** A run state read before, with the render array's children added. */
export async function withRenderChildren(sources: Pick<RunSources, 'batch'>, state: RunState): Promise<RunState & { renderChildren: JobDetail[] }> {
  const renderChildren = state.render ? await describeArrayChildren(sources.batch, state.render) : [];
  return { ...state, renderChildren };
}

/** The run's jobs in run order: plan, the render array (or job) and its children, encode. */
export function runJobsInOrder(run: Pick<LoadedRun, 'plan' | 'render' | 'renderChildren' | 'encode'>): JobDetail[] {
  return [run.plan, run.render, ...run.renderChildren, run.encode].filter((job): job is JobDetail => job !== undefined);
}

/** Jobs that have not finished: those a cancel must stop. */
export const isUnfinished = (job: JobDetail): boolean => job.status !== 'SUCCEEDED' && job.status !== 'FAILED';
