import { request } from 'node:http';
import { DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import fc from 'fast-check';
import { createQueue, type Harness, shellDefinition, startHarness } from './harness';

// Bounded runs take a second; a loaded 2-core CI machine needs more than 5 s.
jest.setTimeout(60_000);

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Property-based fuzzing of the Batch API: whatever a request body holds, the answer is a 2xx or
 * a 4xx ClientException, and the engine keeps answering. Bounded to tens of cases.
 */
describe('fuzzing the Batch API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await createQueue(h.client, 'fuzz');
    await shellDefinition(h.client, 'fuzz', 'true');
  });
  afterAll(() => h.close());

  it('answers any body of any operation with a 2xx or a 4xx', async () => {
    const operation = fc.constantFrom('submitjob', 'describejobs', 'listjobs', 'canceljob', 'terminatejob', 'registerjobdefinition', 'createjobqueue', 'describejobqueues', 'nosuchoperation');
    const nested = fc.integer({ min: 1, max: 50_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
    const submit = fc.record(
      {
        jobName: fc.oneof(fc.string(), fc.constant('ok')),
        jobQueue: fc.oneof(fc.string(), fc.constant('fuzz')),
        jobDefinition: fc.oneof(fc.string(), fc.constant('fuzz')),
        arrayProperties: fc.record({ size: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
        dependsOn: fc.array(fc.record({ jobId: fc.string(), type: fc.string() }), { maxLength: 25 }),
        retryStrategy: fc.record({ attempts: fc.oneof(fc.integer(), fc.string()), evaluateOnExit: fc.array(fc.record({ action: fc.string(), onExitCode: fc.string() }), { maxLength: 7 }) }),
        timeout: fc.record({ attemptDurationSeconds: fc.oneof(fc.integer(), fc.double(), fc.constant(1e300)) }),
        containerOverrides: fc.record({ environment: fc.array(fc.record({ name: fc.string(), value: fc.string() }), { maxLength: 3 }), command: fc.constantFrom(['true'], ['false'], ['no-such-command-fuzz'], []) }), // never a generated command line
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(fc.constant('null'), fc.constant(''), fc.constant('{'), fc.json(), nested, fc.string(), submit.map((s) => JSON.stringify(s)));
    await fc.assert(
      fc.asyncProperty(operation, body, async (op, text) => {
        const status = await post(h.port, `/v1/${op}`, text);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect((await h.client.send(new DescribeJobQueuesCommand({}))).jobQueues?.map((q) => q.jobQueueName)).toContain('fuzz');
  });
});
