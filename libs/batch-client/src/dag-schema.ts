import { z } from 'zod';
import type { Dag } from './dag';
import { InvalidDagError } from './errors';
import { MAX_ARRAY_SIZE, MAX_EVALUATE_ON_EXIT_RULES, MAX_RETRY_ATTEMPTS } from './limits';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const name = (what: string) =>
  z.string().min(1).max(100).regex(NAME, `${what} must start with a letter or digit and hold only letters, digits, "-" and "_"`);

const retryRule = z.strictObject({
  action: z
    .string()
    .transform((a) => a.toUpperCase())
    .pipe(z.enum(['RETRY', 'EXIT'])),
  onStatusReason: z.string().optional(),
  onReason: z.string().optional(),
  onExitCode: z.string().optional(),
});

const settings = {
  queue: z.string().min(1).optional(),
  definition: z.string().min(1).optional(),
  command: z.array(z.string()).min(1).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(MAX_RETRY_ATTEMPTS),
      evaluateOnExit: z.array(retryRule).max(MAX_EVALUATE_ON_EXIT_RULES).optional(),
    })
    .optional(),
  tags: z.record(z.string(), z.string()).optional(),
  propagateTags: z.boolean().optional(),
};

const dependency = z.union([name('A dependency'), z.strictObject({ job: name('A dependency'), type: z.literal('N_TO_N').optional() })]);

const job = z.strictObject({
  ...settings,
  arraySize: z.number().int().min(1).max(MAX_ARRAY_SIZE).optional(),
  dependsOn: z.array(dependency).optional(),
  sequential: z.boolean().optional(),
});

/** The shape of a workflow file (JSON or YAML), unknown keys rejected so typos surface. */
export const dagSchema = z.strictObject({
  name: name('The workflow name'),
  defaults: z.strictObject(settings).optional(),
  jobs: z.record(name('A job name'), job).refine((jobs) => Object.keys(jobs).length > 0, 'a workflow needs at least one job'),
});

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');

/** Validates untrusted input (a parsed file) as a workflow. Throws InvalidDagError naming the field. */
export function parseDag(input: unknown): Dag {
  const result = dagSchema.safeParse(input);
  if (result.success) return result.data as Dag;
  const issue = result.error.issues[0];
  const field = fieldPath(issue.path);
  // A bad record key (a job name) carries the reason in its nested issues.
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  throw new InvalidDagError(`${field || 'the workflow'}: ${message}`, 'invalid-field', field || undefined);
}
