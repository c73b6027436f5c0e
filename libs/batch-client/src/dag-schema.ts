import * as z from 'zod/mini';
import type { Dag } from './dag';
import { InvalidDagError } from './errors';
import { MAX_ARRAY_SIZE, MAX_EVALUATE_ON_EXIT_RULES, MAX_RETRY_ATTEMPTS } from './limits';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const name = (what: string) =>
  z.string().check(z.minLength(1), z.maxLength(100), z.regex(NAME, `${what} must start with a letter or digit and hold only letters, digits, "-" and "_"`));

const retryRule = z.strictObject({
  action: z.pipe(z.pipe(z.string(), z.transform((a) => a.toUpperCase())), z.enum(['RETRY', 'EXIT'])),
  onStatusReason: z.optional(z.string()),
  onReason: z.optional(z.string()),
  onExitCode: z.optional(z.string()),
});

const nonEmptyText = z.string().check(z.minLength(1));
/** A variable or parameter value: text, or a number or boolean written as text. */
const textValue = z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String));

const settings = {
  queue: z.optional(nonEmptyText),
  definition: z.optional(nonEmptyText),
  command: z.optional(z.array(z.string()).check(z.minLength(1))),
  environment: z.optional(z.record(z.string(), textValue)),
  parameters: z.optional(z.record(z.string(), textValue)),
  timeoutSeconds: z.optional(z.int().check(z.gte(1))),
  retry: z.optional(
    z.strictObject({
      attempts: z.int().check(z.gte(1), z.lte(MAX_RETRY_ATTEMPTS)),
      evaluateOnExit: z.optional(z.array(retryRule).check(z.maxLength(MAX_EVALUATE_ON_EXIT_RULES))),
    }),
  ),
  tags: z.optional(z.record(z.string(), z.string())),
  propagateTags: z.optional(z.boolean()),
};

const dependency = z.union([name('A dependency'), z.strictObject({ job: name('A dependency'), type: z.optional(z.literal('N_TO_N')) })]);

const job = z.strictObject({
  ...settings,
  arraySize: z.optional(z.int().check(z.gte(1), z.lte(MAX_ARRAY_SIZE))),
  dependsOn: z.optional(z.array(dependency)),
  sequential: z.optional(z.boolean()),
});

/** The shape of a workflow file (JSON or YAML), unknown keys rejected so typos surface. */
export const dagSchema = z.strictObject({
  name: name('The workflow name'),
  defaults: z.optional(z.strictObject(settings)),
  jobs: z.record(name('A job name'), job).check(z.refine((jobs) => Object.keys(jobs).length > 0, 'a workflow needs at least one job')),
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
