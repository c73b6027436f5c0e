import { hasProcess, isFinished } from './job-states';
import type { LifecycleCore } from './lifecycle-core';
import type { JobRecord } from './model';
import { REASONS } from './status-reasons';

/**
 * Admission and dependency release (plain, N_TO_N, SEQUENTIAL), and array parents settling once
 * their children have finished.
 *
 * Dependencies are indexed both ways so each state change costs O(its direct dependents):
 * plain dependencies by job id, N_TO_N by array parent (child i of a dependent array looks only
 * at child i), SEQUENTIAL by position (child i+1). Finished jobs go through a worklist instead of
 * recursion, so a failure cascading through 10,000 sequential children needs no deep stack.
 */
export class DependencyTracker {
  /**
   * Ids a PENDING job still waits for (top-level: plain dependencies; child: N_TO_N and
   * SEQUENTIAL predecessors). A set, not a count, so a finish seen twice cannot count twice.
   */
  private readonly waiting = new Map<string, Set<string>>();
  /** Top-level jobs that depend plainly on the key. */
  private readonly dependents = new Map<string, string[]>();
  /** Arrays with an N_TO_N dependency on the key (an array parent). */
  private readonly nToNDependents = new Map<string, string[]>();
  /** Array parents whose plain dependencies are met, so their children may be released. */
  private readonly released = new Set<string>();

  constructor(private readonly core: LifecycleCore) {}

  private get store() {
    return this.core.store;
  }

  /** Indexes who waits on whom; a dependency that has already finished is settled at admission. */
  index(job: JobRecord): void {
    if (isFinished(job.status)) return;
    for (const dep of job.submission?.dependsOn ?? []) {
      if (dep.jobId === undefined) continue; // SEQUENTIAL: handled by position
      const status = this.store.jobs.get(dep.jobId)?.status;
      if (status === undefined || isFinished(status)) continue;
      const index = dep.type === 'N_TO_N' ? this.nToNDependents : this.dependents;
      const list = index.get(dep.jobId) ?? [];
      list.push(job.jobId);
      index.set(dep.jobId, list);
    }
  }

  private plainDependencies(job: JobRecord): string[] {
    return (job.submission?.dependsOn ?? []).flatMap((d) => (d.jobId !== undefined && d.type !== 'N_TO_N' ? [d.jobId] : []));
  }

  /** SUBMITTED or PENDING top-level job: count what it still waits for, fail or release it. */
  admit(job: JobRecord): void {
    if (job.status !== 'SUBMITTED' && job.status !== 'PENDING') return;
    const unresolved = new Set<string>();
    for (const id of this.plainDependencies(job)) {
      const status = this.store.jobs.get(id)?.status;
      if (status === 'FAILED') return this.failAsDependent(job);
      if (status !== 'SUCCEEDED') unresolved.add(id);
    }
    if (unresolved.size > 0) {
      this.waiting.set(job.jobId, unresolved);
      if (job.status === 'SUBMITTED') this.store.patchJob(job, { status: 'PENDING' });
      if (job.submission?.arraySize !== undefined) {
        for (const child of this.store.children.get(job.jobId) ?? []) {
          if (child.status === 'SUBMITTED') this.store.patchJob(child, { status: 'PENDING' });
        }
      }
      return;
    }
    this.release(job);
  }

  /** Plain dependencies met: a job becomes RUNNABLE, an array lets its children go. */
  private release(job: JobRecord): void {
    this.waiting.delete(job.jobId);
    if (job.submission?.arraySize === undefined) return this.makeRunnable(job);
    this.released.add(job.jobId);
    if (job.status === 'SUBMITTED') this.store.patchJob(job, { status: 'PENDING' });
    for (const child of this.store.children.get(job.jobId) ?? []) this.admitChild(child);
  }

  /** A child of a released array: count its N_TO_N and SEQUENTIAL predecessors. */
  private admitChild(child: JobRecord): void {
    if (child.status !== 'SUBMITTED' && child.status !== 'PENDING') return;
    const unresolved = new Set<string>();
    for (const predecessor of this.childPredecessors(child)) {
      if (predecessor.status === 'FAILED') return this.failAsDependent(child);
      if (predecessor.status !== 'SUCCEEDED') unresolved.add(predecessor.jobId);
    }
    if (unresolved.size === 0) {
      this.waiting.delete(child.jobId);
      return this.makeRunnable(child);
    }
    this.waiting.set(child.jobId, unresolved);
    if (child.status === 'SUBMITTED') this.store.patchJob(child, { status: 'PENDING' });
  }

  private childPredecessors(child: JobRecord): JobRecord[] {
    const submission = this.store.submissionOf(child);
    const index = child.index as number;
    const result: JobRecord[] = [];
    for (const dep of submission.dependsOn) {
      if (dep.type === 'N_TO_N' && dep.jobId !== undefined) {
        const other = this.store.children.get(dep.jobId)?.[index];
        if (other) result.push(other);
      } else if (dep.type === 'SEQUENTIAL' && dep.jobId === undefined && index > 0) {
        result.push(this.store.children.get(child.parentId as string)?.[index - 1] as JobRecord);
      }
    }
    return result;
  }

  /** One predecessor of a PENDING job finished. */
  private predecessorFinished(job: JobRecord, predecessor: JobRecord): void {
    const unresolved = this.waiting.get(job.jobId);
    if (job.status !== 'PENDING' || !unresolved?.has(predecessor.jobId)) return;
    if (predecessor.status === 'FAILED') return this.failAsDependent(job);
    unresolved.delete(predecessor.jobId);
    if (unresolved.size > 0) return;
    if (job.parentId === undefined) this.release(job);
    else {
      this.waiting.delete(job.jobId);
      this.makeRunnable(job);
    }
  }

  private failAsDependent(job: JobRecord): void {
    this.waiting.delete(job.jobId);
    if (job.submission?.arraySize === undefined) return this.core.finish(job, 'FAILED', REASONS.dependencyFailed);
    this.store.patchJob(job, { statusReason: REASONS.dependencyFailed });
    for (const child of this.store.children.get(job.jobId) ?? []) {
      if (!isFinished(child.status) && !hasProcess(child.status)) this.core.finish(child, 'FAILED', REASONS.dependencyFailed);
    }
  }

  /** Notifies everything that waited on a job that just finished. */
  notifyFinished(job: JobRecord): void {
    for (const id of this.dependents.get(job.jobId) ?? []) {
      const dependent = this.store.jobs.get(id);
      if (dependent) this.predecessorFinished(dependent, job);
    }
    this.dependents.delete(job.jobId);
    if (job.parentId === undefined) {
      // an array's children are done too: nothing will look up its N_TO_N dependents again
      this.nToNDependents.delete(job.jobId);
      return;
    }
    const index = job.index as number;
    for (const arrayId of this.nToNDependents.get(job.parentId) ?? []) {
      if (!this.released.has(arrayId)) continue; // admitted later with fresh counts
      const peer = this.store.children.get(arrayId)?.[index];
      if (peer) this.predecessorFinished(peer, job);
    }
    const siblings = this.store.children.get(job.parentId) as JobRecord[];
    const submission = this.store.submissionOf(job);
    if (index + 1 < siblings.length && submission.dependsOn.some((d) => d.type === 'SEQUENTIAL' && d.jobId === undefined)) {
      this.predecessorFinished(siblings[index + 1], job);
    }
    this.settleArrayParent(job.parentId);
  }

  /** An array parent finishes once every child has: SUCCEEDED if all did, else FAILED. */
  settleArrayParent(parentId: string): void {
    const parent = this.store.jobs.get(parentId);
    const counts = this.store.childCounts.get(parentId);
    if (!parent || !counts || isFinished(parent.status)) return;
    if (counts.SUCCEEDED + counts.FAILED < (parent.submission?.arraySize ?? 0)) return;
    this.released.delete(parentId);
    if (counts.FAILED === 0) this.core.finish(parent, 'SUCCEEDED', '');
    else this.core.finish(parent, 'FAILED', parent.statusReason || REASONS.childFailed);
  }

  private makeRunnable(job: JobRecord): void {
    this.store.patchJob(job, { status: 'RUNNABLE' });
    this.core.scheduler.enqueue(job);
  }
}
