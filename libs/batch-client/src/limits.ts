/** AWS Batch limits the client checks before a request leaves the process. */
export const MAX_DEPENDENCIES = 20;
export const MAX_DESCRIBE_JOBS = 100;
export const MAX_JOB_NAME_LENGTH = 128;
export const MAX_RETRY_ATTEMPTS = 10;
export const MAX_EVALUATE_ON_EXIT_RULES = 5;
export const RESERVED_ENV_PREFIX = 'AWS_BATCH';

// AWS Batch's array limit lives beside the chunk rule that must respect it.
export { MAX_ARRAY_SIZE } from '@framefarm/job-specs';
