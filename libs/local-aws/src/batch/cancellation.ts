import { hasProcess, isCancellable, isFinished } from './job-states';
import type { LifecycleCore } from './lifecycle-core';
import type { JobRecord } from './model';

/** CancelJob: early states fail with the reason; STARTING/RUNNING are left alone. */
export function cancelJob(core: LifecycleCore, job: JobRecord, reason: string): void {
  if (job.submission?.arraySize !== undefined) {
    if (isFinished(job.status)) return;
    core.store.patchJob(job, { isCancelled: true, statusReason: reason });
    for (const child of core.store.children.get(job.jobId) ?? []) {
      if (isCancellable(child.status)) core.finish(child, 'FAILED', reason, { isCancelled: true });
    }
  } else if (isCancellable(job.status)) {
    core.finish(job, 'FAILED', reason, { isCancelled: true });
  }
}

/** TerminateJob: a running attempt is stopped (SIGTERM, then SIGKILL); earlier states are cancelled. */
export function terminateJob(core: LifecycleCore, stopProcess: (jobId: string) => void, job: JobRecord, reason: string): void {
  if (job.submission?.arraySize !== undefined) {
    if (isFinished(job.status)) return;
    core.store.patchJob(job, { isTerminated: true, statusReason: reason });
    for (const child of core.store.children.get(job.jobId) ?? []) terminateOne(core, stopProcess, child, reason);
  } else {
    terminateOne(core, stopProcess, job, reason);
  }
}

function terminateOne(core: LifecycleCore, stopProcess: (jobId: string) => void, job: JobRecord, reason: string): void {
  if (isFinished(job.status)) return;
  if (hasProcess(job.status)) {
    core.store.patchJob(job, { isTerminated: true, statusReason: reason });
    if (job.status === 'RUNNING') stopProcess(job.jobId);
    return; // STARTING: stopped as soon as the process is up
  }
  // Chosen: TerminateJob before a job started cancels it and also marks it terminated.
  core.finish(job, 'FAILED', reason, { isCancelled: true, isTerminated: true });
}
