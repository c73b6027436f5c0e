import { defaultPriceTable, loadPriceTable } from '@framefarm/cost';
import { AwsDashboardData, createDashboardHandler, DashboardAccess, type DashboardHandler } from '@framefarm/dashboard-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsClients } from '../aws/clients';
import type { Target } from '../aws/target';
import { UsageError } from '../errors';
import { repoRoot } from '../local/image-table';

export interface TargetDashboard {
  handle: DashboardHandler;
  /** The link to print: the page, with the access token in its fragment. */
  url(port: number): string;
}

/** The built page (`nx run dashboard:build`; the launcher builds it with the bundles). */
export function dashboardAssetsDir(): string {
  const dir = join(repoRoot(), 'dist', 'apps', 'dashboard');
  if (!existsSync(join(dir, 'index.html'))) throw new UsageError(`the dashboard page is not built (${dir}); run npx nx run dashboard:build`);
  return dir;
}

/**
 * The dashboard of a stack (local or deployed), read through `clients` — the same clients and
 * run-loading code as every other command. `prices` is a user's price table file, if given.
 */
export function targetDashboard(target: Target, clients: AwsClients, port: () => number, prices?: string): TargetDashboard {
  const access = new DashboardAccess(DashboardAccess.newToken(), port);
  const data = new AwsDashboardData({
    batch: clients.batch,
    logs: clients.logs,
    store: clients.store,
    target,
    jobQueues: target.jobQueues,
    prices: prices ? loadPriceTable(prices) : defaultPriceTable(),
  });
  const handle = createDashboardHandler({
    data,
    access,
    assetsDir: dashboardAssetsDir(),
    onError: (error) => process.stderr.write(`dashboard: ${(error as Error).message}\n`),
  });
  return { handle, url: (p) => `http://127.0.0.1:${p}/dashboard/#token=${access.token}` };
}
