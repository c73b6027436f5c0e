import { constants } from 'node:os';
import { errorFields, JobLog } from './job-log';

/**
 * Errors that mean "the input is wrong, running again will not help": exit code 2. Matched by
 * the stable `name` so errors from every library count, whichever copy of it threw.
 */
export const INPUT_ERROR_NAMES = new Set([
  'InvalidEnvironmentError',
  'MissingConfigError',
  'InvalidSketchError',
  'InvalidSketchRefError',
  'SketchBundleError',
  'RunConflictError',
  'InvalidPlanError',
  'BatchJobEnvError',
  'InvalidJobSpecError',
  // The sketch's own faults: the same sketch fails the same way again.
  'SketchRuntimeError',
  'SketchTimeoutError',
  'SketchExitError',
]);

/**
 * The job was told to stop (Batch's SIGTERM, on TerminateJob or a timeout), cleaned up and
 * stopped: it ends with the exit code of a process that signal killed (128 + its number), so
 * Batch and the retry rules see what they would have seen without the cleanup.
 */
export class StoppedBySignalError extends Error {
  override readonly name = 'StoppedBySignalError';
  readonly exitCode: number;
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal} before the job was done; nothing it wrote counts as done`);
    this.exitCode = 128 + (constants.signals[signal] ?? 0);
  }
}

export const exitCodeFor = (error: unknown): number => {
  if (error instanceof Error && error.name === 'StoppedBySignalError') return (error as StoppedBySignalError).exitCode;
  return error instanceof Error && INPUT_ERROR_NAMES.has(error.name) ? 2 : 1;
};

/**
 * Runs a job's work and turns the outcome into an exit code: 0, or one JSON error line and 2 for
 * bad input, 1 for anything else. `log()` is asked at the end, so the work may swap in a logger
 * that knows the run id.
 */
export async function runJobMain(log: () => JobLog, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    log()('job-failed', { ...errorFields(error), exitCode: code, ...(code === 1 && error instanceof Error ? { stack: error.stack } : {}) });
    return code;
  }
}

/**
 * Ends the process with `code` once what it wrote to stdout and stderr has been handed to the OS.
 * For a job, after `runJobMain`; for the CLI, after its command. Exiting explicitly spares the
 * process V8 tearing its heap down page by page, which a natural exit does: 10-55 ms of CPU per
 * process on the bench machine (perf; tools/bench/findings.ts). Nothing else is left by then: the
 * work awaited its writes, its worker threads, the trace export and its servers' close. Writes to
 * a pipe are asynchronous on some systems (macOS), hence the wait for both streams.
 */
export function exitWhenOutputWritten(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
