import { parseChildJobId } from '@framefarm/job-specs';
import * as z from 'zod/mini';
import { BatchJobEnvError } from './errors';
import { MAX_ARRAY_SIZE } from './limits';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

/** What AWS Batch tells a running job about itself through the environment. */
export interface BatchJobEnv {
  /** This job's id; for an array child `<parentId>:<index>`. */
  jobId: string;
  /** The array parent's id, for array children. */
  parentJobId?: string;
  arrayIndex?: number;
  arraySize?: number;
  /** 1 for the first attempt. */
  attempt: number;
  jobQueue?: string;
  computeEnvironment?: string;
}

const wholeNumber = (variable: string, min: number, max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^\s*\d+\s*$/, `${variable} must be a whole number`)), z.transform(Number)),
    z.number().check(z.gte(min, `${variable} must be at least ${min}`), z.lte(max, `${variable} must be at most ${max}`)),
  );

const optionalText = z.pipe(z.optional(z.string()), z.transform((v) => (v === '' ? undefined : v)));

const schema = z.object({
  AWS_BATCH_JOB_ID: z.string({ error: 'AWS_BATCH_JOB_ID is not set' }).check(z.minLength(1, 'AWS_BATCH_JOB_ID is empty')),
  AWS_BATCH_JOB_ARRAY_INDEX: z.optional(wholeNumber('AWS_BATCH_JOB_ARRAY_INDEX', 0, MAX_ARRAY_SIZE - 1)),
  AWS_BATCH_JOB_ARRAY_SIZE: z.optional(wholeNumber('AWS_BATCH_JOB_ARRAY_SIZE', 1, MAX_ARRAY_SIZE)),
  AWS_BATCH_JOB_ATTEMPT: z.optional(wholeNumber('AWS_BATCH_JOB_ATTEMPT', 1, 10)),
  AWS_BATCH_JQ_NAME: optionalText,
  AWS_BATCH_CE_NAME: optionalText,
});

const HINT = 'Run it as an AWS Batch job, or set the AWS_BATCH_* variables by hand when testing.';

// The array-child id format is Batch's, shared with the local engine: one home in job-specs.
export { childJobId, parentJobIdOf, parseChildJobId } from '@framefarm/job-specs';

/**
 * Reads and checks the AWS_BATCH_* variables of a running job. Empty strings count as unset,
 * which is how some launchers pass "no value". Throws BatchJobEnvError naming the variable.
 */
export function readBatchJobEnv(env: Record<string, string | undefined> = process.env): BatchJobEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('AWS_BATCH_') && v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'AWS_BATCH_JOB_ID');
    const given = present[variable] === undefined ? '' : ` (got "${present[variable]}")`;
    throw new BatchJobEnvError(`${issue.message}${given}. ${HINT}`, variable);
  }
  const v = parsed.data;
  const index = v.AWS_BATCH_JOB_ARRAY_INDEX;
  const size = v.AWS_BATCH_JOB_ARRAY_SIZE;
  if (size !== undefined && index === undefined) {
    throw new BatchJobEnvError(`AWS_BATCH_JOB_ARRAY_SIZE is ${size} but AWS_BATCH_JOB_ARRAY_INDEX is not set; an array child gets both. ${HINT}`, 'AWS_BATCH_JOB_ARRAY_INDEX');
  }
  if (index !== undefined && size !== undefined && index >= size) {
    throw new BatchJobEnvError(`AWS_BATCH_JOB_ARRAY_INDEX ${index} is outside the array of size ${size} (0…${size - 1}). ${HINT}`, 'AWS_BATCH_JOB_ARRAY_INDEX');
  }
  const child = parseChildJobId(v.AWS_BATCH_JOB_ID);
  if (index !== undefined && child && child.index !== index) {
    throw new BatchJobEnvError(
      `AWS_BATCH_JOB_ID "${v.AWS_BATCH_JOB_ID}" names child ${child.index}, but AWS_BATCH_JOB_ARRAY_INDEX is ${index}. ${HINT}`,
      'AWS_BATCH_JOB_ARRAY_INDEX',
    );
  }
  const result: BatchJobEnv = { jobId: v.AWS_BATCH_JOB_ID, attempt: v.AWS_BATCH_JOB_ATTEMPT ?? 1 };
  if (index !== undefined) {
    result.arrayIndex = index;
    // Batch gives children `<parent>:<index>`; a launcher that passes the parent's id keeps it.
    result.parentJobId = child ? child.parentJobId : v.AWS_BATCH_JOB_ID;
  }
  if (size !== undefined) result.arraySize = size;
  if (v.AWS_BATCH_JQ_NAME) result.jobQueue = v.AWS_BATCH_JQ_NAME;
  if (v.AWS_BATCH_CE_NAME) result.computeEnvironment = v.AWS_BATCH_CE_NAME;
  return result;
}
