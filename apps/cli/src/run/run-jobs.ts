import { BatchClient, JobDetail, JobStatus, ListJobsCommand } from '@aws-sdk/client-batch';
import { describeJobs } from '@framefarm/batch-client';
import { RunRecord, RunStore } from '@framefarm/run-store';
import { UsageError } from '../errors';

export async function requireRun(store: RunStore, runId: string): Promise<RunRecord> {
  const record = await store.records.getRun(runId);
  if (!record) throw new UsageError(`no run ${runId} in table ${store.records.table}; framefarm run and framefarm submit print the run id`);
  return record;
}

/** The children of an array job in the given states, every page. */
export async function arrayChildren(batch: BatchClient, arrayJobId: string, status: JobStatus): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await batch.send(new ListJobsCommand({ arrayJobId, jobStatus: status, nextToken }));
    ids.push(...(page.jobSummaryList ?? []).map((j) => j.jobId!).filter(Boolean));
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

/** The run's jobs in run order: plan, the render array (or job) and its children, encode. */
export async function runJobDetails(batch: BatchClient, record: RunRecord): Promise<JobDetail[]> {
  const top = await describeJobs(batch, [record.planJobId, record.renderJobId, record.encodeJobId].filter((id): id is string => Boolean(id)));
  const render = record.renderJobId ? top.get(record.renderJobId) : undefined;
  const size = render?.arrayProperties?.size ?? 0;
  const children = size > 0 ? await describeJobs(batch, Array.from({ length: size }, (_, i) => `${render!.jobId}:${i}`)) : new Map();
  return [
    ...(record.planJobId && top.get(record.planJobId) ? [top.get(record.planJobId)!] : []),
    ...(render ? [render] : []),
    ...[...children.values()],
    ...(record.encodeJobId && top.get(record.encodeJobId) ? [top.get(record.encodeJobId)!] : []),
  ];
}
