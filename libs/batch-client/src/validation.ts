import { InvalidJobSpecError } from './errors';
import { MAX_ARRAY_SIZE, MAX_JOB_NAME_LENGTH, RESERVED_ENV_PREFIX } from './limits';

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function jobNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > MAX_JOB_NAME_LENGTH) {
    return `must be 1 to ${MAX_JOB_NAME_LENGTH} characters long, got ${name.length}`;
  }
  if (!JOB_NAME.test(name)) {
    return 'must start with a letter or digit and contain only letters, digits, "-" and "_"';
  }
  return undefined;
}

export function assertJobName(name: string): void {
  const problem = jobNameProblem(name);
  if (problem) throw new InvalidJobSpecError(`Job name "${name}" ${problem}. Rename the job.`);
}

export function assertEnvironmentNames(jobName: string, environment: Record<string, string>): void {
  for (const name of Object.keys(environment)) {
    if (name.length === 0) {
      throw new InvalidJobSpecError(`Job "${jobName}" has an environment variable with an empty name. Name it.`);
    }
    if (name.startsWith(RESERVED_ENV_PREFIX)) {
      throw new InvalidJobSpecError(
        `Job "${jobName}": environment variable "${name}" starts with ${RESERVED_ENV_PREFIX}, which AWS Batch reserves for itself. Rename the variable.`,
      );
    }
  }
}

/** Size 1 is allowed and means "a plain job"; Batch itself only takes arrays of 2 or more. */
export function assertArraySize(jobName: string, size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > MAX_ARRAY_SIZE) {
    throw new InvalidJobSpecError(
      `Job "${jobName}": arraySize must be a whole number from 1 to ${MAX_ARRAY_SIZE}, got ${size}. Split the work into fewer, larger pieces or into several arrays.`,
    );
  }
}
