import { BatchClient, JobDependency, SubmitJobCommand, SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { InvalidJobSpecError, UnexpectedBatchResponseError } from './errors';
import { MAX_DEPENDENCIES, MAX_EVALUATE_ON_EXIT_RULES, MAX_RETRY_ATTEMPTS } from './limits';
import { assertArraySize, assertEnvironmentNames, assertJobName } from './validation';

/** One `retryStrategy.evaluateOnExit` rule; the first matching rule wins. */
export interface RetryRule {
  action: 'RETRY' | 'EXIT';
  onStatusReason?: string;
  onReason?: string;
  onExitCode?: string;
}

export interface RetryPolicy {
  /** 1 … 10 tries in all. */
  attempts: number;
  evaluateOnExit?: RetryRule[];
}

/** Everything needed to submit one job or array job. */
export interface SubmitJobSpec {
  name: string;
  /** Job queue name or ARN. */
  queue: string;
  /** Job definition `name`, `name:revision` or ARN. */
  definition: string;
  /** 1 submits a plain job; 2 … 10,000 an array job. */
  arraySize?: number;
  /** Added to (or overriding) the job definition's environment. */
  environment?: Record<string, string>;
  /** Replaces the job definition's command. */
  command?: string[];
  /** Fill `Ref::name` tokens of the command; override the definition's defaults. */
  parameters?: Record<string, string>;
  dependsOn?: JobDependency[];
  /** Per attempt (per child for arrays), counted from the attempt's start. AWS requires ≥ 60. */
  timeoutSeconds?: number;
  retry?: RetryPolicy;
  tags?: Record<string, string>;
  propagateTags?: boolean;
}

export interface SubmittedJob {
  jobId: string;
  jobName: string;
  jobArn?: string;
}

function checkDependencies(spec: SubmitJobSpec, isArray: boolean): void {
  const deps = spec.dependsOn ?? [];
  if (deps.length > MAX_DEPENDENCIES) {
    throw new InvalidJobSpecError(
      `Job "${spec.name}" has ${deps.length} dependencies; AWS Batch takes at most ${MAX_DEPENDENCIES}. Submit it with submitDag, which adds barrier jobs for larger fan-ins.`,
    );
  }
  for (const dep of deps) {
    if (dep.type === 'SEQUENTIAL') {
      if (!isArray) throw new InvalidJobSpecError(`Job "${spec.name}": a SEQUENTIAL dependency needs an array job (arraySize ≥ 2).`);
      if (dep.jobId) throw new InvalidJobSpecError(`Job "${spec.name}": a SEQUENTIAL dependency takes no jobId; use sequential().`);
      continue;
    }
    if (!dep.jobId) throw new InvalidJobSpecError(`Job "${spec.name}": a dependency has no jobId. Use afterJob(id) or nToN(id).`);
    if (dep.type === 'N_TO_N' && !isArray) {
      throw new InvalidJobSpecError(`Job "${spec.name}": an N_TO_N dependency needs an array job of the same size as ${dep.jobId}.`);
    }
  }
}

function checkRetryAndTimeout(spec: SubmitJobSpec): void {
  const retry = spec.retry;
  if (retry) {
    if (!Number.isInteger(retry.attempts) || retry.attempts < 1 || retry.attempts > MAX_RETRY_ATTEMPTS) {
      throw new InvalidJobSpecError(`Job "${spec.name}": retry.attempts must be 1 to ${MAX_RETRY_ATTEMPTS}, got ${retry.attempts}.`);
    }
    if ((retry.evaluateOnExit?.length ?? 0) > MAX_EVALUATE_ON_EXIT_RULES) {
      throw new InvalidJobSpecError(`Job "${spec.name}": at most ${MAX_EVALUATE_ON_EXIT_RULES} evaluateOnExit rules, got ${retry.evaluateOnExit?.length}.`);
    }
  }
  if (spec.timeoutSeconds !== undefined && (!Number.isInteger(spec.timeoutSeconds) || spec.timeoutSeconds < 1)) {
    throw new InvalidJobSpecError(`Job "${spec.name}": timeoutSeconds must be a whole number of seconds, got ${spec.timeoutSeconds}.`);
  }
}

/** Checks the spec the way Batch would and builds the SubmitJob request. Throws InvalidJobSpecError. */
export function toSubmitJobInput(spec: SubmitJobSpec): SubmitJobCommandInput {
  assertJobName(spec.name);
  if (!spec.queue) throw new InvalidJobSpecError(`Job "${spec.name}" has no queue. Set its job queue name or ARN.`);
  if (!spec.definition) throw new InvalidJobSpecError(`Job "${spec.name}" has no job definition. Set its name, name:revision or ARN.`);
  const arraySize = spec.arraySize ?? 1;
  assertArraySize(spec.name, arraySize);
  const isArray = arraySize > 1;
  checkDependencies(spec, isArray);
  checkRetryAndTimeout(spec);
  const environment = spec.environment ?? {};
  assertEnvironmentNames(spec.name, environment);

  const envEntries = Object.entries(environment).map(([name, value]) => ({ name, value }));
  const containerOverrides =
    envEntries.length > 0 || spec.command
      ? {
          ...(envEntries.length > 0 ? { environment: envEntries } : {}),
          ...(spec.command ? { command: [...spec.command] } : {}),
        }
      : undefined;

  return {
    jobName: spec.name,
    jobQueue: spec.queue,
    jobDefinition: spec.definition,
    ...(isArray ? { arrayProperties: { size: arraySize } } : {}),
    ...(spec.dependsOn && spec.dependsOn.length > 0 ? { dependsOn: spec.dependsOn.map((d) => ({ ...d })) } : {}),
    ...(containerOverrides ? { containerOverrides } : {}),
    ...(spec.parameters ? { parameters: { ...spec.parameters } } : {}),
    ...(spec.timeoutSeconds !== undefined ? { timeout: { attemptDurationSeconds: spec.timeoutSeconds } } : {}),
    ...(spec.retry
      ? {
          retryStrategy: {
            attempts: spec.retry.attempts,
            ...(spec.retry.evaluateOnExit ? { evaluateOnExit: spec.retry.evaluateOnExit.map((r) => ({ ...r })) } : {}),
          },
        }
      : {}),
    ...(spec.tags ? { tags: { ...spec.tags } } : {}),
    ...(spec.propagateTags !== undefined ? { propagateTags: spec.propagateTags } : {}),
  };
}

/**
 * Submits one job or array job. Retries are the client's (createBatchClient): SubmitJob takes no
 * idempotency token, so a retried 5xx may leave a second job; callers that must not run twice
 * record the job id as soon as they have it (plan does) and check it before submitting again.
 */
export async function submitJob(client: Pick<BatchClient, 'send'>, spec: SubmitJobSpec): Promise<SubmittedJob> {
  const input = toSubmitJobInput(spec);
  const output = await client.send(new SubmitJobCommand(input));
  if (!output.jobId) {
    throw new UnexpectedBatchResponseError(`SubmitJob ${spec.name} answered without a jobId; check that the endpoint really is AWS Batch (or the local stack).`);
  }
  return { jobId: output.jobId, jobName: output.jobName ?? spec.name, ...(output.jobArn ? { jobArn: output.jobArn } : {}) };
}
