import { Command } from 'commander';
import { UsageError } from '../errors';
import { stackTarget } from './stack-target';
import { DEFAULT_LOCAL_ENDPOINT, defaultRegion, localTarget, Target } from './target';

export interface TargetFlags {
  endpoint?: string;
  stack?: string;
  region?: string;
}

/** `--endpoint URL` (a local stack, default http://127.0.0.1:4566) or `--stack NAME` on AWS; `--region`. Every command that talks to a stack has these. */
export function addTargetOptions(command: Command, endpointVariables: readonly string[] = ['AWS_ENDPOINT_URL']): Command {
  return command
    .option('--endpoint <url>', `a local stack's endpoint (default: ${[...endpointVariables, DEFAULT_LOCAL_ENDPOINT].join(', else ')})`)
    .option('--stack <name>', 'a deployed framefarm stack on AWS: read its outputs')
    .option('--region <region>', 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)');
}

/** An endpoint the SDK can use: an http or https URL, without a trailing slash. */
export function checkEndpoint(endpoint: string, source = '--endpoint'): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`${source} must be a URL such as ${DEFAULT_LOCAL_ENDPOINT}, got "${endpoint}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${source} must be an http:// or https:// URL, got "${endpoint}"`);
  return endpoint.replace(/\/+$/, '');
}

/**
 * Where a command sends its requests: `--stack` (AWS, from the stack's outputs), else `--endpoint`,
 * else the first of `endpointVariables` that is set, else the local stack's default endpoint.
 */
export async function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env, endpointVariables: readonly string[] = ['AWS_ENDPOINT_URL']): Promise<Target> {
  const region = flags.region ?? defaultRegion(env);
  if (flags.endpoint && flags.stack) throw new UsageError('give either --endpoint or --stack, not both');
  if (flags.stack) return stackTarget(flags.stack, region);
  const variable = endpointVariables.find((name) => env[name]);
  const endpoint = flags.endpoint !== undefined ? checkEndpoint(flags.endpoint) : variable ? checkEndpoint(env[variable]!, variable) : DEFAULT_LOCAL_ENDPOINT;
  return localTarget(endpoint, region);
}
