import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BATCH_RETRY, createBatchClient } from './batch-client-config';
import { describeJobs } from './describe-jobs';

/**
 * A real HTTP endpoint that throttles the first `throttled` requests as Batch does (429
 * TooManyRequestsException), then answers; it counts what the SDK really sent.
 */
async function throttlingEndpoint(throttled: number, answer: object) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(req.url ?? '');
      const throttle = requests.length <= throttled;
      res.writeHead(throttle ? 429 : 200, { 'content-type': 'application/json', ...(throttle ? { 'x-amzn-errortype': 'TooManyRequestsException' } : {}) });
      res.end(JSON.stringify(throttle ? { message: 'Too Many Requests' } : answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const credentials = { accessKeyId: 'retry-test', secretAccessKey: 'retry-test' };

describe('the one Batch retry policy (createBatchClient)', () => {
  it('retries throttling in the SDK, once per call: no retry loop on top of it', async () => {
    const server = await throttlingEndpoint(2, { jobs: [{ jobId: 'a', jobName: 'a', status: 'SUCCEEDED' }] });
    const client = createBatchClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
    try {
      const jobs = await describeJobs(client, ['a']);
      expect(jobs.get('a')?.status).toBe('SUCCEEDED');
      expect(server.requests).toEqual(['/v1/describejobs', '/v1/describejobs', '/v1/describejobs']);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  // Giving up takes up to a minute of the SDK's backoff, so the limit is read from the client's config.
  it(`uses adaptive mode with ${BATCH_RETRY.maxAttempts} calls in all`, async () => {
    const client = createBatchClient({ region: 'us-east-1', credentials });
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await client.config.maxAttempts()).toBe(BATCH_RETRY.maxAttempts);
    client.destroy();
  });
});
