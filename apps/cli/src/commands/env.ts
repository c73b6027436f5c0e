import { runningStackEnvironment } from '@framefarm/local-aws';
import { Command } from 'commander';
import { DEFAULT_LOCAL_ENDPOINT } from '../aws/target';
import { UsageError } from '../errors';

/** Single-quoted for sh: safe whatever the value holds. */
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The variables the aws CLI and the SDKs read, in the order a reader expects them. */
const PRINTED = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_DEFAULT_REGION'];

export function registerEnv(program: Command): void {
  program
    .command('env')
    .description('Print `export` lines that point the aws CLI and the SDKs at a running local stack, with its credentials: eval "$(npx framefarm env)"')
    .option('--endpoint <url>', 'the local stack', DEFAULT_LOCAL_ENDPOINT)
    .action(async (flags: { endpoint: string }) => {
      try {
        new URL(flags.endpoint);
      } catch {
        throw new UsageError(`--endpoint must be a URL such as ${DEFAULT_LOCAL_ENDPOINT}, got "${flags.endpoint}"`);
      }
      const env = await runningStackEnvironment(flags.endpoint);
      // Role credentials left in the shell would be sent along with the stack's keys.
      const lines = [...PRINTED.filter((name) => env[name] !== undefined).map((name) => `export ${name}=${shellQuote(env[name])}`), 'unset AWS_SESSION_TOKEN AWS_PROFILE'];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
