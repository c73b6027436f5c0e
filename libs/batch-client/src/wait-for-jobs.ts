import type { BatchClient } from '@aws-sdk/client-batch';
import { realSleep, Sleep } from './sleep';
import { describeJobs } from './describe-jobs';
import { JobNotFoundError, WaitAbortedError } from './errors';
import { JobState, jobStateOf, unknownJob } from './job-state';

export interface WaitOptions {
  /** Time between polls. Default 5 s. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
  sleep?: Sleep;
  /** Milliseconds since some fixed point; only differences are used. Default Date.now. */
  now?: () => number;
  /**
   * Polls a job may be missing from DescribeJobs before it counts as not found. Batch can lag a
   * moment behind SubmitJob, so one miss is not proof. Default 3.
   */
  missingPolls?: number;
  onProgress?: (progress: WaitProgress) => void;
}

/** One poll's view of all the jobs, for a progress bar. */
export interface WaitProgress {
  /** 1 for the first poll. */
  poll: number;
  elapsedMs: number;
  /** In the order the ids were given. */
  jobs: JobState[];
  /** Jobs by status (UNKNOWN: not seen yet). */
  counts: Partial<Record<JobState['status'], number>>;
  /** Array children of all array jobs by status. */
  childCounts: Partial<Record<JobState['status'], number>>;
  finished: number;
  total: number;
  /** Ids whose status changed with this poll. */
  changed: string[];
}

export interface WaitResult {
  jobs: JobState[];
  byId: Record<string, JobState>;
  succeeded: boolean;
  failed: JobState[];
  elapsedMs: number;
}

function countBy(states: readonly JobState[]): { counts: WaitProgress['counts']; childCounts: WaitProgress['childCounts'] } {
  const counts: WaitProgress['counts'] = {};
  const childCounts: WaitProgress['childCounts'] = {};
  for (const s of states) {
    counts[s.status] = (counts[s.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(s.array?.statusSummary ?? {})) {
      const key = status as JobState['status'];
      childCounts[key] = (childCounts[key] ?? 0) + (n ?? 0);
    }
  }
  return { counts, childCounts };
}

/**
 * Polls until every job is SUCCEEDED or FAILED, yielding a progress snapshot after each poll and
 * returning the final states. Finished jobs are not described again.
 */
export async function* watchJobs(client: BatchClient, jobIds: readonly string[], options: WaitOptions = {}): AsyncGenerator<WaitProgress, WaitResult, void> {
  const ids = [...new Set(jobIds)];
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const interval = options.pollIntervalMs ?? 5_000;
  const allowedMisses = options.missingPolls ?? 3;
  const states = new Map(ids.map((id) => [id, unknownJob(id)]));
  const misses = new Map<string, number>();
  const start = now();
  for (let poll = 1; ; poll++) {
    if (options.signal?.aborted) throw new WaitAbortedError(`Stopped waiting for ${ids.length} job(s): aborted. The jobs keep running in Batch.`);
    const pending = ids.filter((id) => !states.get(id)?.finished);
    const details = pending.length > 0 ? await describeJobs(client, pending) : new Map();
    const changed: string[] = [];
    for (const id of pending) {
      const detail = details.get(id);
      if (!detail) {
        misses.set(id, (misses.get(id) ?? 0) + 1);
        continue;
      }
      misses.delete(id);
      const next = jobStateOf(detail);
      if (next.status !== states.get(id)?.status) changed.push(id);
      states.set(id, next);
    }
    const lost = [...misses].filter(([, n]) => n >= allowedMisses).map(([id]) => id);
    if (lost.length > 0) {
      throw new JobNotFoundError(`AWS Batch does not know job(s) ${lost.join(', ')}. Check the ids, the region and the endpoint.`, lost);
    }
    const jobs = ids.map((id) => states.get(id) ?? unknownJob(id));
    const finished = jobs.filter((j) => j.finished).length;
    const elapsedMs = now() - start;
    yield { poll, elapsedMs, jobs, ...countBy(jobs), finished, total: ids.length, changed };
    if (finished === ids.length) {
      const failed = jobs.filter((j) => j.status !== 'SUCCEEDED');
      return { jobs, byId: Object.fromEntries(jobs.map((j) => [j.jobId, j])), succeeded: failed.length === 0, failed, elapsedMs };
    }
    await sleep(interval, options.signal);
  }
}

/** Waits until every job is SUCCEEDED or FAILED; `onProgress` gets each poll's snapshot. */
export async function waitForJobs(client: BatchClient, jobIds: readonly string[], options: WaitOptions = {}): Promise<WaitResult> {
  const watch = watchJobs(client, jobIds, options);
  for (;;) {
    const step = await watch.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value);
  }
}
