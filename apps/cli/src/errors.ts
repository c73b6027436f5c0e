/** Bad input from the user: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The work ran and failed (a job failed, a run was cancelled): exit code 1. */
export class RunFailedError extends Error {
  override readonly name = 'RunFailedError';
}

const USER_INPUT_ERRORS = new Set(['RunNotFoundError', 'RunNotResumableError', 'InvalidEnvironmentError', 'InvalidSketchRefError', 'InvalidDagError', 'InvalidJobSpecError']);

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return 2;
  // Input the libraries refuse in the user's words: a run id that is not one, or no such run.
  if (error instanceof Error && USER_INPUT_ERRORS.has(error.name)) return 2;
  if (error instanceof Error && error.name === 'ClientException') return 2;
  return 1;
}
