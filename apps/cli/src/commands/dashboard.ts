import { InvalidPriceTableError } from '@framefarm/cost';
import { Command } from 'commander';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientsFor, destroyClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { targetDashboard } from '../dashboard/target-dashboard';
import { UsageError } from '../errors';
import { jsonOption, Output } from '../ui/output';

interface DashboardFlags extends TargetFlags {
  port: string;
  prices?: string;
  json?: boolean;
}

/**
 * `framefarm dashboard --stack NAME`: the dashboard of a deployed stack, served on 127.0.0.1 and
 * reading AWS with the user's own credentials. (`framefarm up` serves it for the local stack.)
 */
export function registerDashboard(program: Command): void {
  addTargetOptions(program.command('dashboard').description('Serve the live dashboard of a stack on 127.0.0.1 (framefarm up serves the local one itself)'))
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', '4580')
    .option('--prices <file>', 'your own price table (the shape of libs/cost/src/prices/us-east-1.json)')
    .option(...jsonOption('its link and what it reads, once it serves'))
    .action(async (flags: DashboardFlags) => {
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) throw new UsageError(`--port must be a port number, got "${flags.port}"`);
      const target = await resolveTarget(flags);
      const clients = clientsFor(target);
      let bound = port;
      let dashboard: ReturnType<typeof targetDashboard>;
      try {
        dashboard = targetDashboard(target, clients, () => bound, flags.prices);
      } catch (error) {
        destroyClients(clients);
        if (error instanceof InvalidPriceTableError) throw new UsageError(error.message);
        throw error;
      }
      const server = createServer((req, res) => {
        void dashboard.handle(req, res).then((handled) => {
          if (!handled) {
            res.writeHead(302, { location: '/dashboard/' });
            res.end();
          }
        });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${port} is in use; pick another with --port`) : error));
        server.listen(port, '127.0.0.1', resolve);
      }).catch((error) => {
        destroyClients(clients);
        throw error;
      });
      bound = (server.address() as AddressInfo).port;
      const reads = target.kind === 'aws' ? `stack ${flags.stack} in ${target.region}` : target.endpoint;
      Output.of(flags).result({ dashboard: dashboard.url(bound), reads }, `dashboard  ${dashboard.url(bound)}\n(${reads}; Ctrl-C stops it)`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      server.close();
      server.closeAllConnections();
      destroyClients(clients);
    });
}
