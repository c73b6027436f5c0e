import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchClient, CancelJobCommand, DescribeJobsCommand, SubmitJobCommand, type SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { waitForJobs } from '@framefarm/batch-client';
import { LOCAL_RESOURCES } from '@framefarm/job-specs';
import { type LocalStack, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { signedRequest } from '@framefarm/local-aws/testing';
import { localImageTable } from '../src/local/image-table';
import { ROOT, runCli } from './run-cli';

jest.setTimeout(300_000);

/** What a bad input got: a CLI exit code, a failed job's exit code, or an AWS error name (with its HTTP status). */
type Outcome = { exit: number } | { error: string; status?: number } | { status: number };

interface BadInput {
  area: 'cli' | 'plan environment' | 'batch' | 's3' | 'dynamodb' | 'logs';
  input: string;
  expected: Outcome;
  act: () => Promise<Outcome>;
}

/** The error an SDK call failed with, or a marker that it did not fail. */
async function errorOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return { error: 'no error' };
  } catch (error) {
    return { error: (error as Error).name, status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
}

/** `__type` (or S3's `<Code>`) and status of a raw answer. */
function typeOf(answer: { status: number; body: string }): Outcome {
  const json = /"__type"\s*:\s*"(?:[^"#]*#)?([^"]+)"/.exec(answer.body)?.[1];
  const xml = /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1];
  const error = json ?? xml;
  return error === undefined ? { status: answer.status } : { error, status: answer.status };
}

describe('bad input across the CLI, the plan environment and every local service', () => {
  let dir: string;
  let stack: LocalStack;
  let batch: BatchClient;
  let s3: S3Client;
  let dynamo: DynamoDBClient;
  let logs: CloudWatchLogsClient;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ff-bad-inputs-'));
    await runCli(['--help'], dir); // the launcher builds the job bundles the plan cases run
    stack = await startLocalStack({ stateDir: join(dir, 'state'), port: 0, quiet: true, imageTable: localImageTable(ROOT) });
    await provisionLocalStack(stack.endpoint, { credentials: stack.credentials });
    const config = { endpoint: stack.endpoint, region: stack.region, credentials: stack.credentials, maxAttempts: 1 };
    batch = new BatchClient(config);
    s3 = new S3Client({ ...config, forcePathStyle: true });
    dynamo = new DynamoDBClient(config);
    logs = new CloudWatchLogsClient(config);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'bad-inputs' }));
  });
  afterAll(async () => {
    for (const client of [batch, s3, dynamo, logs]) client?.destroy();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => async (): Promise<Outcome> => ({ exit: (await runCli(args, dir)).code ?? -1 });
  const cliIn = (cwd: string, ...args: string[]) => async (): Promise<Outcome> => ({ exit: (await runCli(args, cwd)).code ?? -1 });

  /** Submits the plan job with extra environment, as the quick start does, and returns its exit code. */
  const plan = (environment: Record<string, string>) => async (): Promise<Outcome> => {
    const { jobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 'bad-plan',
        jobQueue: 'framefarm-plan',
        jobDefinition: 'framefarm-plan',
        containerOverrides: { environment: Object.entries({ TOTAL_FRAMES: '12', FRAMES_PER_RENDER_JOB: '4', ...environment }).map(([name, value]) => ({ name, value })) },
      }),
    );
    await waitForJobs(batch, [jobId!], { pollIntervalMs: 100 });
    const [job] = (await batch.send(new DescribeJobsCommand({ jobs: [jobId!] }))).jobs ?? [];
    return { exit: job.attempts?.[0]?.container?.exitCode ?? -1 };
  };

  const submit = (input: Partial<SubmitJobCommandInput>) => () =>
    errorOf(() => batch.send(new SubmitJobCommand({ jobName: 'bad', jobQueue: 'framefarm-plan', jobDefinition: 'framefarm-plan', ...input } as SubmitJobCommandInput)));
  const clientError = { error: 'ClientException', status: 400 };
  const raw = (service: string, target: string, body: string, extra: Record<string, string> = {}) => async (): Promise<Outcome> =>
    typeOf(await signedRequest(stack.endpoint, stack.credentials, { service, method: 'POST', path: '/', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0', ...extra }, body }));
  const nested = (levels: number) => `${'{"M":{"a":'.repeat(levels)}{"S":"x"}${'}}'.repeat(levels)}`;
  const bucket = LOCAL_RESOURCES.bucket;
  const table = LOCAL_RESOURCES.table;

  const cases: BadInput[] = [
    // the CLI: exit code 2, before anything starts
    { area: 'cli', input: 'run --frames 0', expected: { exit: 2 }, act: cli('run', '--frames', '0') },
    { area: 'cli', input: 'run --frames abc', expected: { exit: 2 }, act: cli('run', '--frames', 'abc') },
    { area: 'cli', input: 'run --width 321 (odd)', expected: { exit: 2 }, act: cli('run', '--width', '321') },
    { area: 'cli', input: 'run --fps 0', expected: { exit: 2 }, act: cli('run', '--fps', '0') },
    { area: 'cli', input: 'run --frames-per-job -3', expected: { exit: 2 }, act: cli('run', '--frames-per-job', '-3') },
    { area: 'cli', input: 'run --frame-timeout 0', expected: { exit: 2 }, act: cli('run', '--frame-timeout', '0') },
    { area: 'cli', input: 'run --sketch no-such-sketch', expected: { exit: 2 }, act: cli('run', '--sketch', 'no-such-sketch') },
    { area: 'cli', input: 'run --sketch a file whose frames only running it would tell', expected: { exit: 2 }, act: cli('run', '--sketch', join(__dirname, 'fixtures', 'computed-sketch.js')) },
    { area: 'cli', input: 'run --no-such-flag', expected: { exit: 2 }, act: cli('run', '--no-such-flag') },
    { area: 'cli', input: 'up --port 99999', expected: { exit: 2 }, act: cli('up', '--port', '99999') },
    { area: 'cli', input: 'up --port abc', expected: { exit: 2 }, act: cli('up', '--port', 'abc') },
    { area: 'cli', input: 'up on a port in use', expected: { exit: 2 }, act: async () => cli('up', '--port', String(stack.port), '--state-dir', join(dir, 'up-busy'))() },
    { area: 'cli', input: 'up --state-dir /etc/passwd (a file)', expected: { exit: 2 }, act: cli('up', '--port', '0', '--state-dir', '/etc/passwd') },
    { area: 'cli', input: 'up --state-dir /proc/nope (cannot be created)', expected: { exit: 2 }, act: cli('up', '--port', '0', '--state-dir', '/proc/nope') },
    { area: 'cli', input: 'run --state-dir /etc/passwd (a file)', expected: { exit: 2 }, act: cli('run', '--frames', '4', '--state-dir', '/etc/passwd') },
    { area: 'cli', input: 'an unknown command', expected: { exit: 2 }, act: cliIn(tmpdir(), 'no-such-command') },
    // the plan environment: the plan job fails with exit code 2 (InvalidEnvironmentError)
    { area: 'plan environment', input: 'TOTAL_FRAMES=0', expected: { exit: 2 }, act: plan({ TOTAL_FRAMES: '0' }) },
    { area: 'plan environment', input: 'TOTAL_FRAMES=abc', expected: { exit: 2 }, act: plan({ TOTAL_FRAMES: 'abc' }) },
    { area: 'plan environment', input: 'FRAMES_PER_RENDER_JOB=-1', expected: { exit: 2 }, act: plan({ FRAMES_PER_RENDER_JOB: '-1' }) },
    { area: 'plan environment', input: 'WIDTH=321 (odd)', expected: { exit: 2 }, act: plan({ WIDTH: '321' }) },
    { area: 'plan environment', input: 'FRAME_TIMEOUT_SECONDS=60s', expected: { exit: 2 }, act: plan({ FRAME_TIMEOUT_SECONDS: '60s' }) },
    { area: 'plan environment', input: 'SKETCH=no-such-sketch', expected: { exit: 2 }, act: plan({ SKETCH: 'no-such-sketch' }) },
    // Batch: ClientException, HTTP 400
    { area: 'batch', input: 'jobName with a space', expected: clientError, act: submit({ jobName: 'bad name' }) },
    { area: 'batch', input: 'jobName of 129 characters', expected: clientError, act: submit({ jobName: 'j'.repeat(129) }) },
    { area: 'batch', input: 'unknown job queue', expected: clientError, act: submit({ jobQueue: 'no-such-queue' }) },
    { area: 'batch', input: 'unknown job definition', expected: clientError, act: submit({ jobDefinition: 'no-such-definition' }) },
    { area: 'batch', input: 'array size 1', expected: clientError, act: submit({ arrayProperties: { size: 1 } }) },
    { area: 'batch', input: 'array size 10,001', expected: clientError, act: submit({ arrayProperties: { size: 10_001 } }) },
    { area: 'batch', input: '21 dependencies', expected: clientError, act: submit({ dependsOn: Array.from({ length: 21 }, (_, i) => ({ jobId: `00000000-0000-0000-0000-0000000000${String(i).padStart(2, '0')}` })) }) },
    { area: 'batch', input: 'retryStrategy.attempts 11', expected: clientError, act: submit({ retryStrategy: { attempts: 11 } }) },
    { area: 'batch', input: 'six evaluateOnExit rules', expected: clientError, act: submit({ retryStrategy: { attempts: 2, evaluateOnExit: Array.from({ length: 6 }, () => ({ action: 'EXIT', onExitCode: '1' })) } }) },
    { area: 'batch', input: 'timeout of 59 seconds', expected: clientError, act: submit({ timeout: { attemptDurationSeconds: 59 } }) },
    { area: 'batch', input: 'environment name AWS_BATCH_X', expected: clientError, act: submit({ containerOverrides: { environment: [{ name: 'AWS_BATCH_X', value: '1' }] } }) },
    { area: 'batch', input: 'SubmitJob payload over 30 KiB', expected: clientError, act: submit({ parameters: { big: 'x'.repeat(31 * 1024) } }) },
    { area: 'batch', input: 'DescribeJobs with 101 ids', expected: clientError, act: () => errorOf(() => batch.send(new DescribeJobsCommand({ jobs: Array.from({ length: 101 }, (_, i) => `id-${i}`) }))) },
    { area: 'batch', input: 'CancelJob without a reason', expected: clientError, act: () => errorOf(() => batch.send(new CancelJobCommand({ jobId: 'x' } as never))) },
    // S3: the codes S3 gives
    { area: 's3', input: 'a key of 1,025 bytes', expected: { error: 'KeyTooLongError', status: 400 }, act: () => errorOf(() => s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k'.repeat(1025), Body: 'x' }))) },
    { area: 's3', input: 'GET of a key of 1,025 bytes', expected: { error: 'KeyTooLongError', status: 400 }, act: () => errorOf(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'é'.repeat(513) }))) },
    { area: 's3', input: 'a missing key', expected: { error: 'NoSuchKey', status: 404 }, act: () => errorOf(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'no/such/key' }))) },
    { area: 's3', input: 'a missing bucket', expected: { error: 'NoSuchBucket', status: 404 }, act: () => errorOf(() => s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' }))) },
    { area: 's3', input: 'bucket ".." (GET /..?list-type=2)', expected: { error: 'InvalidBucketName', status: 400 }, act: async () => typeOf(await signedRequest(stack.endpoint, stack.credentials, { service: 's3', method: 'GET', path: '/..?list-type=2' })) },
    {
      area: 's3',
      input: 'PUT /bucket/../../../../tmp/<name> (an opaque key: stored in the bucket, nothing written outside)',
      expected: { status: 200 },
      act: async () => {
        const name = `ff-escape-${process.pid}`;
        const answer = typeOf(await signedRequest(stack.endpoint, stack.credentials, { service: 's3', method: 'PUT', path: `/${bucket}/../../../../tmp/${name}`, body: 'x' }));
        const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `../../../../tmp/${name}` }));
        expect(await stored.Body!.transformToString()).toBe('x');
        expect(existsSync(join('/tmp', name))).toBe(false);
        return answer;
      },
    },
    { area: 's3', input: 'a key that is not valid percent-encoding', expected: { error: 'InvalidURI', status: 400 }, act: async () => typeOf(await signedRequest(stack.endpoint, stack.credentials, { service: 's3', method: 'GET', path: `/${bucket}/%E0%A4%A` })) },
    { area: 's3', input: 'a body whose declared SHA-256 checksum is wrong', expected: { error: 'BadDigest', status: 400 }, act: async () => typeOf(await signedRequest(stack.endpoint, stack.credentials, { service: 's3', method: 'PUT', path: `/${bucket}/digest`, body: 'x', headers: { 'x-amz-checksum-sha256': Buffer.alloc(32).toString('base64') } })) },
    // DynamoDB
    { area: 'dynamodb', input: 'a body of null', expected: { error: 'ValidationException', status: 400 }, act: raw('dynamodb', 'DynamoDB_20120810.GetItem', 'null') },
    { area: 'dynamodb', input: 'a body that is not JSON', expected: { error: 'SerializationException', status: 400 }, act: raw('dynamodb', 'DynamoDB_20120810.GetItem', '{"TableName":') },
    { area: 'dynamodb', input: 'an item nested 40 levels deep', expected: { error: 'ValidationException', status: 400 }, act: raw('dynamodb', 'DynamoDB_20120810.PutItem', `{"TableName":"${table}","Item":{"pk":{"S":"r"},"sk":{"S":"s"},"deep":${nested(40)}}}`) },
    { area: 'dynamodb', input: 'a map nested 100,000 deep', expected: { error: 'ValidationException', status: 400 }, act: raw('dynamodb', 'DynamoDB_20120810.PutItem', `{"TableName":"${table}","Item":{"deep":${nested(100_000)}}}`) },
    { area: 'dynamodb', input: 'a missing table', expected: { error: 'ResourceNotFoundException', status: 400 }, act: () => errorOf(() => dynamo.send(new GetItemCommand({ TableName: 'no-such-table', Key: { k: { S: 'x' } } }))) },
    { area: 'dynamodb', input: 'an item without its key', expected: { error: 'ValidationException', status: 400 }, act: () => errorOf(() => dynamo.send(new PutItemCommand({ TableName: table, Item: { other: { S: 'x' } } }))) },
    { area: 'dynamodb', input: 'a table name of 1 character', expected: { error: 'ValidationException', status: 400 }, act: () => errorOf(() => dynamo.send(new CreateTableCommand({ TableName: 't', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }))) },
    // CloudWatch Logs
    { area: 'logs', input: 'PutLogEvents to a missing group', expected: { error: 'ResourceNotFoundException', status: 400 }, act: () => errorOf(() => logs.send(new PutLogEventsCommand({ logGroupName: 'no-such-group', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'm' }] }))) },
    { area: 'logs', input: 'CreateLogGroup of an existing group', expected: { error: 'ResourceAlreadyExistsException', status: 400 }, act: () => errorOf(() => logs.send(new CreateLogGroupCommand({ logGroupName: 'bad-inputs' }))) },
    { area: 'logs', input: 'an event over 256 KB', expected: { error: 'InvalidParameterException', status: 400 }, act: raw('logs', 'Logs_20140328.PutLogEvents', JSON.stringify({ logGroupName: 'bad-inputs', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'x'.repeat(262_119) }] }), { 'content-type': 'application/x-amz-json-1.1' }) },
    { area: 'logs', input: 'a body that is not JSON', expected: { error: 'SerializationException', status: 400 }, act: raw('logs', 'Logs_20140328.DescribeLogGroups', '{', { 'content-type': 'application/x-amz-json-1.1' }) },
    { area: 'logs', input: 'an unknown operation', expected: { error: 'UnknownOperationException', status: 400 }, act: raw('logs', 'Logs_20140328.NoSuchOperation', '{}', { 'content-type': 'application/x-amz-json-1.1' }) },
  ];

  it('has at least 40 cases, in every area', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.area)).size).toBe(6);
  });

  it.each(cases.map((c) => [c.area, c.input, c] as const))('%s: %s', async (_area, _input, c) => {
    expect(await c.act()).toEqual(c.expected);
  });

  it('leaves the stack answering every service', async () => {
    expect((await fetch(`${stack.endpoint}/health`)).status).toBe(200);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'after-bad-inputs', Body: 'ok' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'bad-inputs', logStreamName: 'after' }));
    await logs.send(new PutLogEventsCommand({ logGroupName: 'bad-inputs', logStreamName: 'after', logEvents: [{ timestamp: Date.now(), message: 'ok' }] }));
    expect((await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'none' }, sk: { S: 'none' } } }))).Item).toBeUndefined();
    expect((await batch.send(new DescribeJobsCommand({ jobs: ['none'] }))).jobs).toEqual([]);
  });
});
