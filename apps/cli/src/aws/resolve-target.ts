import { localStackCredentials } from '@framefarm/local-aws';
import { Command } from 'commander';
import { UsageError } from '../errors';
import { stackTarget } from './stack-target';
import { DEFAULT_LOCAL_ENDPOINT, defaultRegion, localTarget, Target } from './target';

export interface TargetFlags {
  endpoint?: string;
  stack?: string;
  region?: string;
}

/** `--endpoint URL` (a local stack, default http://127.0.0.1:4566) or `--stack NAME` on AWS. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--endpoint <url>', `a local stack's endpoint (default: AWS_ENDPOINT_URL or ${DEFAULT_LOCAL_ENDPOINT})`)
    .option('--stack <name>', 'a deployed framefarm stack on AWS: read its outputs')
    .option('--region <region>', 'AWS region (default: AWS_REGION or us-east-1)');
}

export async function resolveTarget(flags: TargetFlags): Promise<Target> {
  const region = flags.region ?? defaultRegion();
  if (flags.endpoint && flags.stack) throw new UsageError('give either --endpoint or --stack, not both');
  if (flags.stack) return stackTarget(flags.stack, region);
  const endpoint = flags.endpoint ?? process.env.AWS_ENDPOINT_URL ?? DEFAULT_LOCAL_ENDPOINT;
  try {
    new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as ${DEFAULT_LOCAL_ENDPOINT}, got "${endpoint}"`);
  }
  const local = endpoint.replace(/\/$/, '');
  return { ...localTarget(local, region), credentials: await localStackCredentials(local) };
}
