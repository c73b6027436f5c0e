/**
 * One Batch engine in its own process, for the crash-recovery test:
 * `node --import tsx engine-process.ts <stateDir> <logDir>` prints `listening <port>`.
 */
import type { AddressInfo } from 'node:net';
import { LogStore } from '../../src/logs/log-store';
import { createBatchEngine } from '../../src/batch';
import { ACCOUNT, REGION, serve } from './harness';

async function main(): Promise<void> {
  const [stateDir, logDir] = process.argv.slice(2);
  const engine = await createBatchEngine({
    stateDir,
    logStore: new LogStore(logDir),
    region: REGION,
    accountId: ACCOUNT,
    imageTable: {},
    jobEnvironment: {},
    defaultCapacity: { vcpus: 2, memoryMiB: 2048 },
    minimumTimeoutSeconds: 1,
    stopGraceSeconds: 1,
    // the recovery test reads the job's pid from a file the job writes to the host's /tmp
    sandbox: false,
  });
  const server = await serve(engine.handle);
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  // A test that timed out may leave this process behind, holding its runner's output pipe open.
  setInterval(() => {
    if (process.ppid === 1) void engine.stop().finally(() => process.exit(1));
  }, 500).unref();
  process.on('SIGTERM', () => {
    void engine.stop().then(() => server.close(() => process.exit(0)));
  });
}

void main();
