/**
 * The engine under test, in its own process so its peak RSS is its own. Started by main.ts with
 * an IPC channel: it sends `{port}`, and answers `report` with its resource usage and the time it
 * took to serve each request, then exits.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOCK_TICKS_PER_SECOND, listProcStats } from '../../libs/local-aws/src/batch/proc-stat';
import { LogStore } from '../../libs/local-aws/src/logs/log-store';
import { createBatchEngine } from '../../libs/local-aws/src/batch';
import { recordServed } from './served';

async function main(): Promise<void> {
  const [stateDir, logDir, vcpus] = process.argv.slice(2);
  const engine = await createBatchEngine({
    stateDir,
    logStore: new LogStore(logDir),
    region: 'us-east-1',
    accountId: '000000000000',
    imageTable: {},
    jobEnvironment: {},
    defaultCapacity: { vcpus: Number(vcpus), memoryMiB: 1024 * 1024 },
  });
  const served = recordServed();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void engine.handle(req, res, Buffer.concat(chunks)));
  });
  let cpuAtStart = process.cpuUsage(); // the engine's CPU is counted from here: not its start-up (module loading, replay)
  server.listen(0, '127.0.0.1', () => {
    cpuAtStart = process.cpuUsage();
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  process.on('message', (message) => {
    if (message !== 'report') return;
    const launchersCpuMs = childrenCpuMs(); // before stop(), which kills the launchers
    void engine.stop().then(() => {
      const { user, system } = process.cpuUsage(cpuAtStart);
      process.send?.({ maxRssKiB: process.resourceUsage().maxRSS, served, engineCpuMs: (user + system) / 1000, launchersCpuMs }, () => process.exit(0));
    });
  });
}

/**
 * CPU of this process's live children (the launcher shells) and of everything they have reaped
 * (the jobs and the subshells that started them).
 */
function childrenCpuMs(): number {
  const ticks = listProcStats()
    .filter((stat) => stat.ppid === process.pid)
    .reduce((sum, stat) => sum + stat.cpuTicks + stat.childrenCpuTicks, 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

void main();
