import { RegisterJobDefinitionCommand, SubmitJobCommand, type SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { request } from 'node:http';
import { createQueue, type Harness, shellDefinition, startHarness } from './harness';

function rawPost(port: number, path: string, body: string, method = 'POST'): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['x-amzn-errortype'] as string | undefined, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('request validation', () => {
  let h: Harness;
  let arrayId: string;
  beforeAll(async () => {
    h = await startHarness({ minimumTimeoutSeconds: 60 });
    await createQueue(h.client, 'v');
    await shellDefinition(h.client, 'd', 'true');
    arrayId = (await h.client.send(new SubmitJobCommand({ jobName: 'arr', jobQueue: 'v', jobDefinition: 'd', arrayProperties: { size: 3 } }))).jobId as string;
  });
  afterAll(() => h.close());

  const submit = (input: Partial<SubmitJobCommandInput>) => h.client.send(new SubmitJobCommand({ jobName: 'ok', jobQueue: 'v', jobDefinition: 'd', ...input }));
  const rejects = (promise: Promise<unknown>, message: string) =>
    expect(promise).rejects.toMatchObject({ name: 'ClientException', message: expect.stringContaining(message), $metadata: { httpStatusCode: 400 } });

  it('checks job names', async () => {
    await rejects(submit({ jobName: '-leading-dash' }), "jobName '-leading-dash' is invalid");
    await rejects(submit({ jobName: 'has space' }), 'is invalid');
    await rejects(submit({ jobName: 'x'.repeat(129) }), 'is invalid');
    await expect(submit({ jobName: `A${'b_-9'.repeat(31)}` })).resolves.toMatchObject({ jobName: `A${'b_-9'.repeat(31)}` });
  });

  it('checks queue, definition and array size', async () => {
    await rejects(submit({ jobQueue: 'missing' }), 'job queue missing does not exist');
    await rejects(submit({ jobDefinition: 'missing' }), 'job definition missing does not exist');
    await rejects(submit({ jobDefinition: 'd:7' }), 'job definition d:7 does not exist');
    await rejects(submit({ arrayProperties: { size: 1 } }), 'arrayProperties.size must be between 2 and 10000, got 1');
    await rejects(submit({ arrayProperties: { size: 10_001 } }), 'got 10001');
  });

  it('checks environment names, retry strategies and timeouts', async () => {
    await rejects(submit({ containerOverrides: { environment: [{ name: 'AWS_BATCH_JOB_ID', value: 'x' }] } }), 'cannot start with AWS_BATCH');
    await rejects(submit({ retryStrategy: { attempts: 11 } }), 'retryStrategy.attempts must be between 1 and 10, got 11');
    await rejects(submit({ retryStrategy: { attempts: 0 } }), 'got 0');
    const rule = { onExitCode: '1', action: 'RETRY' as const };
    await rejects(submit({ retryStrategy: { attempts: 2, evaluateOnExit: Array(6).fill(rule) } }), 'at most 5 entries');
    await rejects(submit({ retryStrategy: { attempts: 2, evaluateOnExit: [{ onExitCode: '1', action: 'MAYBE' as 'RETRY' }] } }), 'must be RETRY or EXIT');
    await rejects(submit({ retryStrategy: { attempts: 2, evaluateOnExit: [{ onExitCode: 'a*b', action: 'EXIT' }] } }), "onExitCode 'a*b' is invalid");
    await rejects(submit({ timeout: { attemptDurationSeconds: 59 } }), 'at least 60 seconds, got 59');
    await rejects(
      h.client.send(new RegisterJobDefinitionCommand({ jobDefinitionName: 'short', type: 'container', containerProperties: { image: 'x' }, timeout: { attemptDurationSeconds: 5 } })),
      'timeout.attemptDurationSeconds must be at least 60',
    );
  });

  it('checks N_TO_N and SEQUENTIAL dependencies', async () => {
    await rejects(submit({ arrayProperties: { size: 4 }, dependsOn: [{ jobId: arrayId, type: 'N_TO_N' }] }), 'same size');
    await rejects(submit({ dependsOn: [{ jobId: arrayId, type: 'N_TO_N' }] }), 'only allowed on an array job');
    await rejects(submit({ dependsOn: [{ type: 'SEQUENTIAL' }] }), 'only allowed on an array job');
    await expect(submit({ arrayProperties: { size: 3 }, dependsOn: [{ jobId: arrayId, type: 'N_TO_N' }] })).resolves.toHaveProperty('jobId');
  });

  it('limits the SubmitJob payload to 30 KiB', async () => {
    const big = 'x'.repeat(31 * 1024);
    await rejects(submit({ parameters: { big } }), 'maximum is 30720 bytes');
  });

  it('throttles SubmitJob with a 429 when a rate is set', async () => {
    const throttled = await startHarness({ submitJobsPerSecond: 0.1 }); // one now, the next in 10 s
    try {
      await createQueue(throttled.client, 'v');
      await shellDefinition(throttled.client, 'd', 'true');
      const send = () => throttled.client.send(new SubmitJobCommand({ jobName: 't', jobQueue: 'v', jobDefinition: 'd' }));
      await send();
      await expect(send()).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    } finally {
      await throttled.close();
    }
  });

  it('answers unknown operations with 404 and malformed bodies with 400', async () => {
    const unknown = await rawPost(h.port, '/v1/launchrocket', '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('UnknownOperationException');
    expect(JSON.parse(unknown.body).message).toContain('/v1/launchrocket');
    const bad = await rawPost(h.port, '/v1/submitjob', '{not json');
    expect(bad).toMatchObject({ status: 400, type: 'ClientException' });
    expect(JSON.parse(bad.body)).toMatchObject({ message: 'the request body is not valid JSON' });
    const wrongType = await rawPost(h.port, '/v1/submitjob', JSON.stringify({ jobName: 5, jobQueue: 'v', jobDefinition: 'd' }));
    expect(JSON.parse(wrongType.body).message).toBe('jobName must be a string, got number');
    const missing = await rawPost(h.port, '/v1/submitjob', JSON.stringify({ jobQueue: 'v', jobDefinition: 'd' }));
    expect(JSON.parse(missing.body).message).toBe('jobName is required');
  });
});
