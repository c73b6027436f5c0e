import { allJobSpecs, LOCAL_RESOURCES } from '@framefarm/job-specs';
import { localEndpointEnvironment, sandboxSupport } from '@framefarm/local-aws';
import { Command } from 'commander';
import { UsageError } from '../errors';
import { startProvisionedStack } from '../local/local-session';

interface UpFlags {
  host: string;
  port: string;
  stateDir: string;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Run the local AWS stack (Batch, S3, DynamoDB, Logs, traces) in the foreground')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port of the one edge endpoint', '4566')
    .option('--state-dir <dir>', 'where the stack keeps its state', '.framefarm')
    .action(async (flags: UpFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${flags.port}"`);
      const stack = await startProvisionedStack({ stateDir: flags.stateDir, host: flags.host, port, quiet: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' || error.name === 'PortInUseError') throw new UsageError(`port ${port} is in use: is another framefarm up running? Stop it, or choose another --port.`);
        if (error.name === 'StateDirError' || error.name === 'StateDirInUseError') throw new UsageError(`--state-dir ${flags.stateDir}: ${error.message}`);
        throw error;
      });
      const env = localEndpointEnvironment(stack.endpoint, stack.region);
      const plan = allJobSpecs()[0];
      process.stdout.write(
        [
          `framefarm local stack is up at ${stack.endpoint} (state in ${stack.stateDir})`,
          '',
          'Point the AWS CLI and SDKs at it:',
          ...Object.entries(env).map(([k, v]) => `  export ${k}=${v}`),
          '',
          `Job queues:      ${allJobSpecs().map((s) => s.jobQueueName).join(', ')}`,
          `Job definitions: ${allJobSpecs().map((s) => s.jobDefinitionName).join(', ')}`,
          `Bucket ${LOCAL_RESOURCES.bucket}, table ${LOCAL_RESOURCES.table}`,
          '',
          'Submit a render as the original quick start does:',
          `  aws batch submit-job --endpoint-url ${stack.endpoint} --job-name manualSubmit-plan --job-queue ${plan.jobQueueName} \\`,
          `    --job-definition ${plan.jobDefinitionName} --container-overrides 'environment=[{name=TOTAL_FRAMES,value=120},{name=FRAMES_PER_RENDER_JOB,value=30}]'`,
          '',
          'Ctrl-C stops it; nothing submitted is lost.',
          '',
        ].join('\n'),
      );
      const sandbox = sandboxSupport();
      if (!sandbox.available) process.stderr.write(`framefarm: jobs run without a sandbox (they can see this user's files and processes): ${sandbox.reason}\n`);
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stdout.write('stopping…\n');
      await stack.stop();
    });
}
