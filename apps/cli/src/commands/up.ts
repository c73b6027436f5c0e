import { allJobSpecs, LOCAL_RESOURCES } from '@framefarm/job-specs';
import { DEFAULT_PORT, isLoopbackAddress } from '@framefarm/local-aws';
import { Command } from 'commander';
import { UsageError } from '../errors';
import { clientsFor, destroyClients } from '../aws/clients';
import { localTarget } from '../aws/target';
import { targetDashboard } from '../dashboard/target-dashboard';
import { startProvisionedStack } from '../local/local-session';
import { unsandboxedJobsWarning } from '../local/sandbox-warning';
import { jsonOption, Output } from '../ui/output';

interface UpFlags {
  host: string;
  port: string;
  stateDir: string;
  allowNetwork?: boolean;
  acceptAnyCredentials?: boolean;
  json?: boolean;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Run the local AWS stack (Batch, S3, DynamoDB, Logs, STS, traces) in the foreground')
    .option('--host <host>', 'address to bind (loopback unless --allow-network)', '127.0.0.1')
    .option('--port <port>', 'port of the one edge endpoint', String(DEFAULT_PORT))
    .option('--state-dir <dir>', 'where the stack keeps its state (and its credentials)', '.framefarm')
    .option('--allow-network', 'allow a --host that other machines can reach (the stack runs commands for whoever holds its keys)')
    .option('--accept-any-credentials', 'UNSAFE: accept any access key without checking signatures or IAM policies (LocalStack-style)')
    .option(...jsonOption('where the stack listens and what it provides, once it is up'))
    .action(async (flags: UpFlags) => {
      const out = Output.of(flags);
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${flags.port}"`);
      const exposed = !isLoopbackAddress(flags.host);
      if (exposed && !flags.allowNetwork) {
        throw new UsageError(
          `--host ${flags.host} lets other machines reach the stack, which runs any job its key holders submit. Add --allow-network if that is what you want, or leave --host at 127.0.0.1.`,
        );
      }
      const stack = await startProvisionedStack({ stateDir: flags.stateDir, host: flags.host, port, quiet: true, acceptAnyCredentials: flags.acceptAnyCredentials }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE' || error.name === 'PortInUseError') throw new UsageError(`port ${port} is in use: is another framefarm up running? Stop it, or choose another --port.`);
          throw error;
        },
      );
      // The dashboard on the stack's own origin, reading the stack as any client would (its admin keys).
      const target = { ...localTarget(stack.endpoint, stack.region), credentials: stack.credentials };
      const clients = clientsFor(target);
      const dashboard = targetDashboard(target, clients, () => stack.port);
      stack.setPages(dashboard.handle);
      // Listening before the stack says it is up: a signal right after that line stops it cleanly.
      const stopAsked = new Promise<void>((resolveStop) => {
        process.once('SIGINT', () => resolveStop());
        process.once('SIGTERM', () => resolveStop());
      });
      const plan = allJobSpecs()[0];
      const envCommand = `eval "$(npx framefarm env${stack.port === DEFAULT_PORT ? '' : ` --endpoint ${stack.endpoint}`})"`;
      const warnings = [
        ...(exposed ? [`WARNING: listening on ${flags.host}:${stack.port}: other machines on the network can reach this stack.`] : []),
        ...(flags.acceptAnyCredentials
          ? ['WARNING: --accept-any-credentials: signatures and IAM policies are NOT checked. Any program or web page that can send a signed-looking request can run commands on this machine.']
          : []),
      ];
      const jobQueues = allJobSpecs().map((s) => s.jobQueueName);
      const jobDefinitions = allJobSpecs().map((s) => s.jobDefinitionName);
      // People see the warnings in the banner; with --json they go to stderr like every warning.
      if (out.json) for (const warning of warnings) out.warn(warning);
      out.result(
        {
          endpoint: stack.endpoint,
          host: flags.host,
          port: stack.port,
          stateDir: stack.stateDir,
          region: stack.region,
          dashboard: dashboard.url(stack.port),
          jobQueues,
          jobDefinitions,
          jobRoles: Object.values(stack.jobRoleArns),
          bucket: LOCAL_RESOURCES.bucket,
          table: LOCAL_RESOURCES.table,
          warnings,
        },
        [
          `framefarm local stack is up at ${stack.endpoint} (listening on ${flags.host}:${stack.port}, state in ${stack.stateDir})`,
          ...warnings,
          `dashboard  ${dashboard.url(stack.port)}`,
          '',
          'Point the AWS CLI and SDKs at it (this stack\'s own credentials, readable only by you):',
          `  ${envCommand}`,
          '',
          `Job queues:      ${jobQueues.join(', ')}`,
          `Job definitions: ${jobDefinitions.join(', ')}`,
          `Job roles:       ${Object.values(stack.jobRoleArns).join(', ')}`,
          `Bucket ${LOCAL_RESOURCES.bucket}, table ${LOCAL_RESOURCES.table}`,
          '',
          'Submit a render as the original quick start does:',
          `  aws batch submit-job --job-name manualSubmit-plan --job-queue ${plan.jobQueueName} \\`,
          `    --job-definition ${plan.jobDefinitionName} --container-overrides 'environment=[{name=TOTAL_FRAMES,value=120},{name=FRAMES_PER_RENDER_JOB,value=30}]'`,
          '',
          'Ctrl-C stops it; nothing submitted is lost.',
          '',
        ].join('\n'),
      );
      const unsandboxed = unsandboxedJobsWarning();
      if (unsandboxed) out.warn(unsandboxed);
      await stopAsked;
      out.note('stopping…');
      destroyClients(clients);
      await stack.stop();
    });
}
