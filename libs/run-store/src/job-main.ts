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
]);

export const exitCodeFor = (error: unknown): number => (error instanceof Error && INPUT_ERROR_NAMES.has(error.name) ? 2 : 1);

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
