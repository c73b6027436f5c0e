import type { KeyValuePair } from '@aws-sdk/client-batch';
import type { JobDefinitionRecord, JobSubmission } from './model';

export interface ImageTableEntry {
  entrypoint: string[];
  cwd?: string;
}

export const DEFAULT_LOG_GROUP = '/aws/batch/job';

/** `image` exactly, then without its `:tag` (a registry port such as `host:5000/x` is not a tag). */
export function lookupImage(table: Record<string, ImageTableEntry>, image: string | undefined): ImageTableEntry | undefined {
  if (image === undefined) return undefined;
  if (table[image]) return table[image];
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? table[image.slice(0, colon)] : undefined;
}

/** Parameters of the submission override the definition's defaults. */
export function effectiveParameters(submission: JobSubmission, definition: JobDefinitionRecord): Record<string, string> {
  return { ...definition.parameters, ...submission.parameters };
}

/**
 * `Ref::name` tokens are replaced wherever they appear in an argument (AWS documents whole-argument
 * placeholders; substituting inside an argument is what users expect). A token without a value
 * stays as written, as on AWS.
 */
export function substituteParameters(command: string[], parameters: Record<string, string>): string[] {
  return command.map((arg) => arg.replace(/Ref::([A-Za-z0-9_-]+)/g, (token, name: string) => parameters[name] ?? token));
}

export function effectiveCommand(submission: JobSubmission, definition: JobDefinitionRecord): string[] {
  const command = submission.containerOverrides?.command ?? definition.containerProperties?.command ?? [];
  return substituteParameters(command, effectiveParameters(submission, definition));
}

/** Definition environment with the overrides' entries added or replacing by name. */
export function effectiveEnvironment(submission: JobSubmission, definition: JobDefinitionRecord): KeyValuePair[] {
  const byName = new Map<string, string>();
  for (const { name, value } of definition.containerProperties?.environment ?? []) if (name) byName.set(name, value ?? '');
  for (const { name, value } of submission.containerOverrides?.environment ?? []) if (name) byName.set(name, value ?? '');
  return [...byName].map(([name, value]) => ({ name, value }));
}

export function logGroupOf(definition: JobDefinitionRecord): string {
  const config = definition.containerProperties?.logConfiguration;
  return (config?.logDriver === 'awslogs' && config.options?.['awslogs-group']) || DEFAULT_LOG_GROUP;
}

/** `<jobDefinitionName>/default/<taskId>`, or `<awslogs-stream-prefix>/default/<taskId>`. */
export function logStreamNameOf(definition: JobDefinitionRecord, taskId: string): string {
  const config = definition.containerProperties?.logConfiguration;
  const prefix = (config?.logDriver === 'awslogs' && config.options?.['awslogs-stream-prefix']) || definition.jobDefinitionName;
  return `${prefix}/default/${taskId}`;
}

/**
 * The engine's extra environment of an attempt: fixed, or made per job (the credentials of the
 * definition's `jobRoleArn`, as Batch hands a job its role's credentials).
 */
export type JobEnvironment = Record<string, string> | ((job: { jobId: string; jobRoleArn?: string }) => Record<string, string>);

export function jobEnvironmentOf(environment: JobEnvironment, jobId: string, definition: JobDefinitionRecord): Record<string, string> {
  return typeof environment === 'function' ? environment({ jobId, jobRoleArn: definition.containerProperties?.jobRoleArn }) : environment;
}

export interface AttemptIdentity {
  jobId: string;
  attempt: number;
  jobQueueName: string;
  computeEnvironmentName: string;
  array?: { index: number; size: number };
}

/**
 * The process environment: PATH and HOME of the engine, then the engine's `jobEnvironment`
 * (local endpoints, credentials), then the job's own environment, then the AWS_BATCH_* variables,
 * which nothing can override. Nothing else of the engine's environment leaks in.
 */
export function processEnvironment(
  identity: AttemptIdentity,
  jobEnvironment: Record<string, string>,
  environment: KeyValuePair[],
): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME;
  Object.assign(env, jobEnvironment);
  for (const { name, value } of environment) if (name) env[name] = value ?? '';
  env.AWS_BATCH_JOB_ID = identity.jobId;
  env.AWS_BATCH_JOB_ATTEMPT = String(identity.attempt);
  env.AWS_BATCH_JQ_NAME = identity.jobQueueName;
  env.AWS_BATCH_CE_NAME = identity.computeEnvironmentName;
  if (identity.array) {
    env.AWS_BATCH_JOB_ARRAY_INDEX = String(identity.array.index);
    env.AWS_BATCH_JOB_ARRAY_SIZE = String(identity.array.size);
  }
  return env;
}

/** The image's entrypoint followed by the command; an image not in the table runs the command itself. */
export function processArgv(table: Record<string, ImageTableEntry>, image: string | undefined, command: string[]): { argv: string[]; cwd?: string } {
  const entry = lookupImage(table, image);
  return entry ? { argv: [...entry.entrypoint, ...command], cwd: entry.cwd } : { argv: command };
}
