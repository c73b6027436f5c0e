import { BatchClient, CancelJobCommand } from '@aws-sdk/client-batch';
import type { Dag } from './dag';
import { batchDependencies, PlanOptions, planDag, PlannedSubmission } from './dag-plan';
import { DagSubmissionError } from './errors';
import { submitJob } from './submit-job';

export interface DagSubmittedEvent {
  key: string;
  kind: 'job' | 'barrier';
  jobId: string;
  jobName: string;
}

export interface SubmitDagOptions extends PlanOptions {
  onSubmitted?: (event: DagSubmittedEvent) => void;
  /**
   * When a submission fails part way, cancel what was already submitted (default true), so no
   * half-workflow keeps running and looks like the whole one.
   */
  cancelOnFailure?: boolean;
}

export interface SubmittedDag {
  name: string;
  /** Workflow job name → Batch job id. */
  jobIds: Record<string, string>;
  /** Barrier key (`<job>#barrier<n>`) → Batch job id. */
  barrierJobIds: Record<string, string>;
  /** Keys in the order they were submitted. */
  order: string[];
}

async function cancelAll(client: BatchClient, submitted: Array<[string, string]>, reason: string): Promise<string[]> {
  const cancelled: string[] = [];
  // Latest first: a dependent cancelled before its dependency never gets to start.
  for (const [, jobId] of [...submitted].reverse()) {
    try {
      await client.send(new CancelJobCommand({ jobId, reason }));
      cancelled.push(jobId);
    } catch {
      // Reported through `cancelled` in the error: the caller sees which ones are left.
    }
  }
  return cancelled;
}

/**
 * Submits a workflow: checks it completely first (nothing is submitted when it is invalid), then
 * submits its jobs in dependency order, with barrier jobs for fan-ins past Batch's 20.
 */
export async function submitDag(client: BatchClient, dag: Dag, options: SubmitDagOptions = {}): Promise<SubmittedDag> {
  const plan = planDag(dag, options);
  const ids = new Map<string, string>();
  const submitted: Array<[string, string]> = [];
  const result: SubmittedDag = { name: plan.name, jobIds: {}, barrierJobIds: {}, order: [] };
  let current: PlannedSubmission | undefined;
  try {
    for (const submission of plan.submissions) {
      current = submission;
      const job = await submitJob(client, { ...submission.spec, dependsOn: batchDependencies(submission, ids) });
      ids.set(submission.key, job.jobId);
      submitted.push([submission.key, job.jobId]);
      (submission.kind === 'job' ? result.jobIds : result.barrierJobIds)[submission.key] = job.jobId;
      result.order.push(submission.key);
      options.onSubmitted?.({ key: submission.key, kind: submission.kind, jobId: job.jobId, jobName: job.jobName });
    }
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const reason = `workflow ${plan.name} could not be submitted completely`;
    const cancelled = options.cancelOnFailure === false || submitted.length === 0 ? [] : await cancelAll(client, submitted, reason);
    const list = submitted.map(([k, id]) => `${k}=${id}`).join(', ') || 'none';
    const cancelNote =
      submitted.length === 0
        ? 'Nothing was submitted.'
        : cancelled.length === submitted.length
          ? 'They were cancelled (any already running finish on their own).'
          : `Cancelled ${cancelled.length} of them; cancel the others by hand.`;
    throw new DagSubmissionError(
      `Workflow "${plan.name}": submitting "${current?.key}" failed (${detail}). Submitted before that: ${list}. ${cancelNote} Fix the cause and submit the workflow again.`,
      Object.fromEntries(submitted),
      cancelled,
      error,
    );
  }
  return result;
}
