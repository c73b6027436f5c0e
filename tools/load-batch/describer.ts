/**
 * The DescribeJobs client of load-batch, in its own process: a client that polls its jobs (as
 * `framefarm run` does) is not in the process of the 20 clients that submit, so its latency must
 * not include their SDK work queued on one event loop. Started by main.ts with an IPC channel:
 * `{ port, credentials }` starts it, `{ ids }` gives the newest 100 submitted ids, `'stop'` ends the loop and
 * it answers with the latency of every call (ms).
 */
import { BatchClient, DescribeJobsCommand } from '@aws-sdk/client-batch';

let ids: string[] = [];
let stopping = false;
let started = false;

async function describeUntilStopped(port: number, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<number[]> {
  const batch = new BatchClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials });
  const samples: number[] = [];
  // The client's first call loads and compiles the SDK's request path and opens the connection:
  // a client polling its jobs pays that once, so it is not a sample.
  let warm = false;
  while (!stopping) {
    if (ids.length < 100) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    const start = process.hrtime.bigint();
    await batch.send(new DescribeJobsCommand({ jobs: ids }));
    if (warm) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    warm = true;
  }
  batch.destroy();
  return samples;
}

let done: Promise<number[]> | undefined;
process.on('disconnect', () => process.exit(0));
process.on('message', (message: { port?: number; credentials?: { accessKeyId: string; secretAccessKey: string }; ids?: string[] } | 'stop') => {
  if (message === 'stop') {
    stopping = true;
    void (done ?? Promise.resolve([])).then((samples) => process.send?.({ samples }, () => process.exit(0)));
  } else if (message.ids) {
    ids = message.ids;
  } else if (message.port !== undefined && message.credentials && !started) {
    started = true;
    done = describeUntilStopped(message.port, message.credentials);
  }
});
