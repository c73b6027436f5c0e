import { childJobId } from '@framefarm/job-specs';
import { canTransition, emptyStatusCounts, isFinished, type StatusCounts } from './job-states';
import type { Journal, LoadedState } from './journal';
import type {
  BatchSnapshot,
  ComputeEnvironmentRecord,
  JobDefinitionRecord,
  JobPatch,
  JobQueueRecord,
  JobRecord,
  JobSubmission,
  JournalEntry,
} from './model';

/**
 * Every record of the engine, kept in memory and journaled on each change. Besides the records
 * it keeps the indexes the API needs in O(1): children of each array, per-status child counters
 * (statusSummary), and each queue's top-level jobs in submission order (ListJobs).
 */
export class StateStore {
  readonly computeEnvironments = new Map<string, ComputeEnvironmentRecord>();
  readonly jobQueues = new Map<string, JobQueueRecord>();
  /** Revisions of each definition name, index = revision - 1. */
  readonly jobDefinitions = new Map<string, JobDefinitionRecord[]>();
  readonly jobs = new Map<string, JobRecord>();
  readonly children = new Map<string, JobRecord[]>();
  readonly childCounts = new Map<string, StatusCounts>();
  /** Top-level jobs per queue name, oldest first; append-only, so positions are stable cursors. */
  readonly queueJobs = new Map<string, JobRecord[]>();
  /**
   * Journal position of the newest change to each top-level job or any of its children (what
   * DescribeJobs of the job or a child shows, statusSummary included). Absent: on disk already.
   */
  private readonly changedAt = new WeakMap<JobRecord, number>();

  constructor(private readonly journal: Journal) {}

  /** Rebuilds the state from a snapshot plus the journal written after it. */
  load(loaded: LoadedState): void {
    if (loaded.snapshot) this.restoreSnapshot(loaded.snapshot);
    for (const entry of loaded.entries) this.apply(entry);
  }

  private restoreSnapshot(snapshot: BatchSnapshot): void {
    for (const ce of snapshot.computeEnvironments) this.computeEnvironments.set(ce.computeEnvironmentName, ce);
    for (const jq of snapshot.jobQueues) this.jobQueues.set(jq.jobQueueName, jq);
    for (const jd of snapshot.jobDefinitions) this.putDefinitionRecord(jd);
    for (const job of snapshot.jobs) {
      this.jobs.set(job.jobId, job);
      if (job.parentId === undefined) {
        this.indexTopLevel(job);
      } else {
        const siblings = this.children.get(job.parentId) ?? [];
        siblings[job.index ?? siblings.length] = job;
        this.children.set(job.parentId, siblings);
        const counts = this.childCounts.get(job.parentId) ?? emptyStatusCounts();
        counts[job.status]++;
        this.childCounts.set(job.parentId, counts);
      }
    }
  }

  snapshot(): BatchSnapshot {
    const jobs: JobRecord[] = [];
    for (const job of this.jobs.values()) jobs.push(job); // insertion order: parents before children
    return {
      version: 1,
      computeEnvironments: [...this.computeEnvironments.values()],
      jobQueues: [...this.jobQueues.values()],
      jobDefinitions: [...this.jobDefinitions.values()].flat(),
      jobs,
    };
  }

  private record(entry: JournalEntry): void {
    this.apply(entry);
    const position = this.journal.append(entry);
    if (entry.k === 'job') this.changedAt.set(entry.v, position);
  }

  /** The journal position up to which `job` as it is now (and its array's counters) is recorded. */
  lastChangeOf(job: JobRecord): number {
    const owner = job.parentId === undefined ? job : this.jobs.get(job.parentId);
    return (owner && this.changedAt.get(owner)) ?? 0;
  }

  private apply(entry: JournalEntry): void {
    switch (entry.k) {
      case 'ce':
        this.computeEnvironments.set(entry.v.computeEnvironmentName, entry.v);
        return;
      case 'ce-':
        this.computeEnvironments.delete(entry.name);
        return;
      case 'jq':
        this.jobQueues.set(entry.v.jobQueueName, entry.v);
        return;
      case 'jq-':
        this.jobQueues.delete(entry.name);
        return;
      case 'jd':
        this.putDefinitionRecord(entry.v);
        return;
      case 'job':
        this.insertJob(entry.v);
        return;
      case 'p': {
        const job = this.jobs.get(entry.id);
        if (job) this.applyPatch(job, entry.p);
        return;
      }
    }
  }

  putComputeEnvironment(ce: ComputeEnvironmentRecord): void {
    this.record({ k: 'ce', v: ce });
  }
  deleteComputeEnvironment(name: string): void {
    this.record({ k: 'ce-', name });
  }
  putJobQueue(jq: JobQueueRecord): void {
    this.record({ k: 'jq', v: jq });
  }
  deleteJobQueue(name: string): void {
    this.record({ k: 'jq-', name });
  }
  putJobDefinition(jd: JobDefinitionRecord): void {
    this.record({ k: 'jd', v: jd });
  }
  /** Adds a submitted job; an array parent gets its children (SUBMITTED) without journaling each. */
  addJob(job: JobRecord): void {
    this.record({ k: 'job', v: job });
  }
  patchJob(job: JobRecord, patch: JobPatch): void {
    if (patch.status !== undefined && patch.status !== job.status && !canTransition(job.status, patch.status)) {
      throw new Error(`job ${job.jobId} cannot go from ${job.status} to ${patch.status}`);
    }
    this.applyPatch(job, patch);
    const position = this.journal.append({ k: 'p', id: job.jobId, p: patch });
    const owner = job.parentId === undefined ? job : this.jobs.get(job.parentId);
    if (owner) this.changedAt.set(owner, position);
  }

  /**
   * Forgets top-level jobs that finished before `finishedBefore` (with their children), except
   * those an unfinished job still depends on. Not journaled: the caller compacts right after, so
   * the snapshot is what records it. Returns how many top-level jobs were dropped.
   */
  expireFinished(finishedBefore: number): number {
    const needed = new Set<string>();
    for (const job of this.jobs.values()) {
      if (job.parentId !== undefined || isFinished(job.status)) continue;
      for (const dep of job.submission?.dependsOn ?? []) {
        if (dep.jobId !== undefined) needed.add(dep.jobId.split(':')[0]);
      }
    }
    const expired = new Set<string>();
    for (const job of this.jobs.values()) {
      if (job.parentId !== undefined || !isFinished(job.status) || needed.has(job.jobId)) continue;
      if ((job.stoppedAt ?? job.createdAt) < finishedBefore) expired.add(job.jobId);
    }
    if (expired.size === 0) return 0;
    for (const jobId of expired) {
      for (const child of this.children.get(jobId) ?? []) this.jobs.delete(child.jobId);
      this.children.delete(jobId);
      this.childCounts.delete(jobId);
      this.jobs.delete(jobId);
    }
    for (const [queue, list] of this.queueJobs) this.queueJobs.set(queue, list.filter((job) => !expired.has(job.jobId)));
    return expired.size;
  }

  submissionOf(job: JobRecord): JobSubmission {
    const owner = job.parentId === undefined ? job : this.jobs.get(job.parentId);
    if (!owner?.submission) throw new Error(`job ${job.jobId} has no submission`);
    return owner.submission;
  }

  definitionOf(submission: JobSubmission): JobDefinitionRecord {
    const revisions = this.jobDefinitions.get(submission.jobDefinitionName);
    const definition = revisions?.[submission.jobDefinitionRevision - 1];
    if (!definition) throw new Error(`job definition ${submission.jobDefinitionName}:${submission.jobDefinitionRevision} is missing`);
    return definition;
  }

  private putDefinitionRecord(jd: JobDefinitionRecord): void {
    const revisions = this.jobDefinitions.get(jd.jobDefinitionName) ?? [];
    revisions[jd.revision - 1] = jd;
    this.jobDefinitions.set(jd.jobDefinitionName, revisions);
  }

  private insertJob(job: JobRecord): void {
    this.jobs.set(job.jobId, job);
    this.indexTopLevel(job);
    const size = job.submission?.arraySize;
    if (size === undefined) return;
    const children: JobRecord[] = new Array(size);
    for (let index = 0; index < size; index++) {
      const child: JobRecord = { jobId: childJobId(job.jobId, index), parentId: job.jobId, index, status: 'SUBMITTED', createdAt: job.createdAt, attempts: [] };
      children[index] = child;
      this.jobs.set(child.jobId, child);
    }
    this.children.set(job.jobId, children);
    const counts = emptyStatusCounts();
    counts.SUBMITTED = size;
    this.childCounts.set(job.jobId, counts);
  }

  private indexTopLevel(job: JobRecord): void {
    const queue = job.submission?.jobQueueName;
    if (queue === undefined) return;
    const list = this.queueJobs.get(queue) ?? [];
    list.push(job);
    this.queueJobs.set(queue, list);
  }

  private applyPatch(job: JobRecord, patch: JobPatch): void {
    if (patch.status !== undefined && patch.status !== job.status && job.parentId !== undefined) {
      const counts = this.childCounts.get(job.parentId);
      if (counts) {
        counts[job.status]--;
        counts[patch.status]++;
      }
    }
    Object.assign(job, patch);
  }
}
