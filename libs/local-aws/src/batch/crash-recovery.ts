import { readFileSync } from 'node:fs';
import type { Attempts } from './attempts';
import type { DependencyTracker } from './dependencies';
import { hasProcess } from './job-states';
import type { LifecycleCore } from './lifecycle-core';
import type { JobRecord } from './model';
import { REASONS } from './status-reasons';

export interface RecoveryParts {
  core: LifecycleCore;
  dependencies: DependencyTracker;
  attempts: Attempts;
  /** Top-level jobs to admit in the next scheduling pass. */
  admissions: JobRecord[];
}

/**
 * After loading a journal: attempts that were starting or running died with the previous
 * engine (host loss, retried per strategy); everything else resumes where it was.
 */
export function recoverJobs({ core, dependencies, attempts, admissions }: RecoveryParts): void {
  const { store, scheduler } = core;
  const now = Date.now();
  for (const job of store.jobs.values()) {
    if (hasProcess(job.status)) {
      killOrphan(job);
      attempts.end(job, { statusReason: REASONS.hostLost }, false, false, now);
    }
  }
  for (const job of store.jobs.values()) {
    if (job.parentId === undefined) {
      dependencies.index(job);
      if (job.status === 'SUBMITTED' || job.status === 'PENDING') admissions.push(job);
    }
    if (job.status === 'RUNNABLE') scheduler.enqueue(job);
  }
  for (const [parentId] of store.children) dependencies.settleArrayParent(parentId);
}

/**
 * A process of a crashed engine may outlive it (own process group). It is killed only if
 * /proc shows that pid still carries this job's id, so a recycled pid is never hit.
 */
function killOrphan(job: JobRecord): void {
  const pid = job.attempts[job.attempts.length - 1]?.pid;
  if (pid === undefined) return;
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    if (environ.includes(`AWS_BATCH_JOB_ID=${job.jobId}`)) process.kill(-pid, 'SIGKILL');
  } catch {
    // gone already, or no /proc on this platform
  }
}
