/**
 * The CPU one poll of `framefarm run`'s watcher costs the CLI process (client and the embedded stack
 * serving it): readRunState of a run with 4 chunks, repeated, in this process.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/poll-cost.ts [--polls 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProvisionedStack } from '../../apps/cli/src/local/local-session';
import { clientsFor, destroyClients } from '../../apps/cli/src/aws/clients';
import { localTarget } from '../../apps/cli/src/aws/target';
import { readRunState } from '@framefarm/runs';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const polls = Number(argv.includes('--polls') ? argv[argv.indexOf('--polls') + 1] : 200);
  const dir = mkdtempSync(join(tmpdir(), 'bench-poll-'));
  const stack = await startProvisionedStack({ stateDir: join(dir, 'state'), port: 0, quiet: true });
  const clients = clientsFor({ ...localTarget(stack.endpoint, stack.region), credentials: stack.credentials });
  try {
    for (let i = 0; i < 20; i += 1) await readRunState(clients, 'run-poll-cost', { planJobId: 'no-such-job' });
    const before = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < polls; i += 1) await readRunState(clients, 'run-poll-cost', { planJobId: 'no-such-job' });
    const cpu = process.cpuUsage(before);
    const ms = (cpu.user + cpu.system) / 1000 / polls;
    console.log(`one poll: ${ms.toFixed(2)} ms of CPU, ${((performance.now() - started) / polls).toFixed(2)} ms wall (${polls} polls)`);
  } finally {
    destroyClients(clients);
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
