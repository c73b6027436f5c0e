/** AWS Batch limits the client checks before a request leaves the process. */
export const MAX_JOB_NAME_LENGTH = 128;
export const MAX_RETRY_ATTEMPTS = 10;
export const MAX_EVALUATE_ON_EXIT_RULES = 5;
export const RESERVED_ENV_PREFIX = 'AWS_BATCH';

// The limits the local engine enforces too have their one home in job-specs.
export { MAX_ARRAY_SIZE, MAX_DEPENDENCIES, MAX_DESCRIBE_JOBS } from '@framefarm/job-specs';
