import { runningStackEnvironment } from '@framefarm/local-aws';
import { Command } from 'commander';
import { DEFAULT_LOCAL_ENDPOINT } from '../aws/target';
import { checkEndpoint } from '../aws/resolve-target';
import { jsonOption, Output } from '../ui/output';

/** Single-quoted for sh: safe whatever the value holds. */
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The variables the aws CLI and the SDKs read, in the order a reader expects them. */
const PRINTED = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_DEFAULT_REGION'];

export function registerEnv(program: Command): void {
  program
    .command('env')
    .description('Print `export` lines that point the aws CLI and the SDKs at a running local stack, with its credentials: eval "$(npx framefarm env)"')
    .option('--endpoint <url>', 'the local stack', DEFAULT_LOCAL_ENDPOINT)
    .option(...jsonOption('the variables'))
    .action(async (flags: { endpoint: string; json?: boolean }) => {
      const env = await runningStackEnvironment(checkEndpoint(flags.endpoint));
      const printed = Object.fromEntries(PRINTED.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
      // Role credentials left in the shell would be sent along with the stack's keys.
      const lines = [...Object.entries(printed).map(([name, value]) => `export ${name}=${shellQuote(value)}`), 'unset AWS_SESSION_TOKEN AWS_PROFILE'];
      Output.of(flags).result(printed, lines.join('\n'));
    });
}
