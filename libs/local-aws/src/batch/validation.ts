import type { EvaluateOnExit, JobTimeout, KeyValuePair, ResourceRequirement, RetryStrategy } from '@aws-sdk/client-batch';
import { MAX_ARRAY_SIZE, MAX_DEPENDENCIES, MAX_DESCRIBE_JOBS } from '@framefarm/job-specs';
import { ClientException } from './errors';
import { type Body, oneOf, optionalInteger, optionalObjectList, optionalString, requiredString } from './request-fields';

export const MIN_ARRAY_SIZE = 2;
export const MAX_SUBMIT_PAYLOAD_BYTES = 30 * 1024;
export const AWS_MINIMUM_TIMEOUT_SECONDS = 60;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const RESOURCE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** jobName: 1–128 characters, first alphanumeric, then letters, digits, `-`, `_`. */
export function validateJobName(name: string): void {
  if (!NAME.test(name)) {
    throw new ClientException(
      `jobName '${name}' is invalid: use 1-128 characters, starting with a letter or digit, then letters, digits, hyphens (-) and underscores (_)`,
    );
  }
}

/** Names of compute environments, job queues and job definitions. */
export function validateResourceName(name: string, key: string): void {
  if (!RESOURCE_NAME.test(name)) {
    throw new ClientException(`${key} '${name}' is invalid: use 1-128 letters, digits, hyphens (-) and underscores (_)`);
  }
}

export function parseEnvironment(list: Body[] | undefined, where: string): KeyValuePair[] | undefined {
  if (!list) return undefined;
  return list.map((entry, i) => {
    const name = requiredString(entry, 'name');
    if (name.startsWith('AWS_BATCH')) {
      throw new ClientException(`${where}[${i}].name '${name}' is reserved: environment variable names cannot start with AWS_BATCH`);
    }
    return { name, value: optionalString(entry, 'value') ?? '' };
  });
}

export function parseResourceRequirements(list: Body[] | undefined, where: string): ResourceRequirement[] | undefined {
  if (!list) return undefined;
  return list.map((entry, i) => {
    const type = oneOf(requiredString(entry, 'type'), `${where}[${i}].type`, ['VCPU', 'MEMORY', 'GPU'] as const);
    const value = requiredString(entry, 'value');
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new ClientException(`${where}[${i}].value must be a positive number, got '${value}'`);
    if (type === 'MEMORY' && !Number.isInteger(number)) throw new ClientException(`${where}[${i}].value for MEMORY must be a whole number of MiB, got '${value}'`);
    return { type, value };
  });
}

const PATTERN = /^[A-Za-z0-9.: \t]*\*?$/;
const EXIT_CODE_PATTERN = /^[0-9]*\*?$/;

function parsePattern(rule: Body, key: string, where: string, shape: RegExp, what: string): string | undefined {
  const pattern = optionalString(rule, key);
  if (pattern === undefined) return undefined;
  if (pattern.length > 512 || !shape.test(pattern)) throw new ClientException(`${where}.${key} '${pattern}' is invalid: ${what}`);
  return pattern;
}

export function parseRetryStrategy(body: Body | undefined, where = 'retryStrategy'): RetryStrategy | undefined {
  if (!body) return undefined;
  const attempts = optionalInteger(body, 'attempts');
  if (attempts !== undefined && (attempts < 1 || attempts > 10)) {
    throw new ClientException(`${where}.attempts must be between 1 and 10, got ${attempts}`);
  }
  const rules = optionalObjectList(body, 'evaluateOnExit');
  if (rules && rules.length > 5) throw new ClientException(`${where}.evaluateOnExit can have at most 5 entries, got ${rules.length}`);
  const evaluateOnExit = rules?.map((rule, i): EvaluateOnExit => {
    const at = `${where}.evaluateOnExit[${i}]`;
    const action = requiredString(rule, 'action');
    if (action.toUpperCase() !== 'RETRY' && action.toUpperCase() !== 'EXIT') {
      throw new ClientException(`${at}.action must be RETRY or EXIT (any case), got ${action}`);
    }
    const text = 'up to 512 letters, digits, periods, colons and white space, optionally ending with *';
    return {
      action: action as EvaluateOnExit['action'],
      onStatusReason: parsePattern(rule, 'onStatusReason', at, PATTERN, text),
      onReason: parsePattern(rule, 'onReason', at, PATTERN, text),
      onExitCode: parsePattern(rule, 'onExitCode', at, EXIT_CODE_PATTERN, 'digits only, optionally ending with *'),
    };
  });
  return { attempts, evaluateOnExit };
}

export function parseTimeout(body: Body | undefined, minimumSeconds: number, where = 'timeout'): JobTimeout | undefined {
  if (!body) return undefined;
  const seconds = optionalInteger(body, 'attemptDurationSeconds');
  if (seconds === undefined) return undefined;
  if (seconds < minimumSeconds) {
    throw new ClientException(`${where}.attemptDurationSeconds must be at least ${minimumSeconds} seconds, got ${seconds}`);
  }
  return { attemptDurationSeconds: seconds };
}

export function validateArraySize(size: number): void {
  if (size < MIN_ARRAY_SIZE || size > MAX_ARRAY_SIZE) {
    throw new ClientException(`arrayProperties.size must be between ${MIN_ARRAY_SIZE} and ${MAX_ARRAY_SIZE}, got ${size}`);
  }
}

export function validateDependencyCount(count: number): void {
  if (count > MAX_DEPENDENCIES) {
    throw new ClientException(`Job cannot have more than ${MAX_DEPENDENCIES} dependencies (got ${count}); add intermediate barrier jobs to fan in further`);
  }
}

export function validateDescribeJobsCount(count: number): void {
  if (count > MAX_DESCRIBE_JOBS) {
    throw new ClientException(`Maximum number of jobs supported is ${MAX_DESCRIBE_JOBS} (got ${count}); split the jobs list into several DescribeJobs calls`);
  }
}

export function validatePayloadSize(bytes: number): void {
  if (bytes > MAX_SUBMIT_PAYLOAD_BYTES) {
    throw new ClientException(`SubmitJob payload is ${bytes} bytes; the maximum is ${MAX_SUBMIT_PAYLOAD_BYTES} bytes (30 KiB)`);
  }
}

export function validateTags(tags: Record<string, string>): void {
  const keys = Object.keys(tags);
  if (keys.length > 50) throw new ClientException(`a resource can have at most 50 tags, got ${keys.length}`);
  for (const key of keys) {
    if (key.length < 1 || key.length > 128) throw new ClientException(`tag key '${key}' must be 1-128 characters`);
    if (key.toLowerCase().startsWith('aws:')) throw new ClientException(`tag key '${key}' is reserved: keys cannot start with aws:`);
    if (tags[key].length > 256) throw new ClientException(`tag value of '${key}' must be at most 256 characters`);
  }
}
