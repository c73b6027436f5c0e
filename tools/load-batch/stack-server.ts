/**
 * The whole local stack under test (`load-batch --stack`): the edge (SigV4 on every request), the
 * services and the Batch engine, in its own process as `framefarm up` runs it. Same IPC as
 * tools/bench-batch/engine-server.ts: it sends `{ port, credentials }` (the stack's admin keys,
 * which the clients sign with), and answers `report` with its peak RSS and the requests it served.
 */
import { startLocalStack } from '@framefarm/local-aws';
import { recordServed } from '../bench-batch/served';

async function main(): Promise<void> {
  const [stateDir, vcpus] = process.argv.slice(2);
  const served = recordServed();
  const stack = await startLocalStack({ stateDir, port: 0, quiet: true, capacity: { vcpus: Number(vcpus), memoryMiB: 1024 * 1024 } });
  const { accessKeyId, secretAccessKey } = stack.credentials;
  process.send?.({ port: stack.port, credentials: { accessKeyId, secretAccessKey } });
  process.on('message', (message) => {
    if (message !== 'report') return;
    void stack.stop().then(() => {
      process.send?.({ maxRssKiB: process.resourceUsage().maxRSS, served }, () => process.exit(0));
    });
  });
}

void main();
