import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeLogGroupsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import fc from 'fast-check';
import type { CoreServices } from '../src/core-services';
import { dynamoClient, logsClient, removeDir, s3Client, startCore, tempStateDir } from './helpers';
import { signedRequest } from '../src/testing';

// Bounded runs (tens of cases) take a second or two; a loaded 2-core CI machine needs more than 5 s.
jest.setTimeout(60_000);
// The same cases on every run: a failure here is reproducible, never a roll of the dice.
fc.configureGlobal({ seed: 20261130 });

/**
 * Property-based fuzzing of each service through the edge: whatever a request holds, the answer is
 * an AWS-shaped 2xx/4xx (never a 5xx, never a dead stack), and the stack answers afterwards. Runs
 * are bounded (tens of cases per property) so the suite takes seconds.
 */
describe('fuzzing the local services', () => {
  const BUCKET = 'framefarm-fuzz';
  let root: string;
  let stateDir: string;
  let core: CoreServices;
  let s3: S3Client;
  let dynamo: DynamoDBClient;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    root = tempStateDir('framefarm-fuzz-');
    stateDir = join(root, 'state');
    core = await startCore(stateDir);
    s3 = s3Client(core);
    dynamo = dynamoClient(core);
    logs = logsClient(core);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  afterAll(async () => {
    s3.destroy();
    dynamo.destroy();
    logs.destroy();
    await core.stop();
    removeDir(root);
  });

  /** Everything the test root holds besides the state directory: must stay empty. */
  const outsideState = (): string[] => readdirSync(root).filter((name) => name !== 'state');

  // Pieces S3 keys are made of, the troublesome ones included: dot segments, empty segments,
  // percent signs, a 250-byte segment (past a file name's limit), multi-byte characters.
  const keyPiece = fc.constantFrom('a', 'b/', '/', '.', '..', '../', '%', '%00', '%2F', ' ', '+', '?', '#', '\\', 'é', '😀', '~', 'x'.repeat(250));
  const key = fc.array(keyPiece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

  it('S3: any key is stored and read back as itself, or refused with KeyTooLongError; nothing lands outside the bucket', async () => {
    await fc.assert(
      fc.asyncProperty(key, fc.uint8Array({ maxLength: 64 }), async (k, body) => {
        if (Buffer.byteLength(k) > 1024) {
          await expect(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: body }))).rejects.toMatchObject({ name: 'KeyTooLongError' });
          return;
        }
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: body }));
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: k }));
        expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(Buffer.from(body));
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: k }));
        expect(listed.Contents?.[0]?.Key).toBe(k); // byte order: the key itself comes before longer ones
        expect(outsideState()).toEqual([]);
      }),
      { numRuns: 40 },
    );
    await s3.send(new ListBucketsCommand({}));
  });

  it('S3: raw paths that climb out of the bucket never touch anything outside it', async () => {
    const climb = fc.array(fc.constantFrom('..', '.', '%2e%2e', '..%2f', 'x', '', '%00', 'state'), { minLength: 1, maxLength: 8 }).map((p) => p.join('/'));
    const method = fc.constantFrom('PUT', 'GET', 'HEAD', 'DELETE');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(`/${BUCKET}/`, '/', '/..', '/%2e%2e/'), climb, method, async (start, path, m) => {
        const answer = await signedRequest(core.edge.endpoint, core.credentials, { service: 's3', method: m, path: `${start}${path}`, body: m === 'PUT' ? 'escaped?' : undefined });
        expect(answer.status).toBeLessThan(500);
        expect(outsideState()).toEqual([]);
        expect(existsSync(join(dirname(stateDir), 'x'))).toBe(false);
      }),
      { numRuns: 60 },
    );
    // `PUT /state` (or a path that resolves to it) is a CreateBucket of its own, as it would be on
    // AWS; what must never appear is a bucket made of a climbing path's pieces.
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name).filter((name) => name !== BUCKET && name !== 'state')).toEqual([]);
  });

  /** Deeply nested JSON and other shapes dynalite and the Logs API must survive. */
  const nested = fc.integer({ min: 1, max: 3000 }).map((depth) => `${'{"M":{"a":'.repeat(depth)}{"S":"x"}${'}}'.repeat(depth)}`);
  const bodies = fc.oneof(
    fc.constant('null'),
    fc.constant(''),
    fc.constant('[]'),
    fc.constant('"text"'),
    fc.constant('{'),
    fc.json(),
    nested.map((item) => `{"TableName":"t","Item":{"k":${item}}}`),
    fc.integer({ min: 1, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.string(),
  );

  it('DynamoDB: any body gets a 2xx or a 4xx ValidationException/SerializationException, and the service keeps answering', async () => {
    const op = fc.constantFrom('PutItem', 'GetItem', 'Query', 'CreateTable', 'BatchWriteItem', 'UpdateItem', 'ListTables', 'Scan');
    await fc.assert(
      fc.asyncProperty(op, bodies, async (operation, body) => {
        const answer = await signedRequest(core.edge.endpoint, core.credentials, {
          service: 'dynamodb',
          method: 'POST',
          path: '/',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
          body,
        });
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    await dynamo.send(new ListTablesCommand({}));
  });

  it('CloudWatch Logs: any body gets a 2xx or a 4xx, and the service keeps answering', async () => {
    const op = fc.constantFrom('CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams');
    const names = fc.record({
      logGroupName: fc.oneof(fc.constantFrom('..', '.', '/aws/batch/job', 'g', 'x'.repeat(600)), fc.string()),
      logStreamName: fc.oneof(fc.constantFrom('..', '../../x', 's', 'y'.repeat(600)), fc.string()),
      logEvents: fc.array(fc.record({ timestamp: fc.integer({ min: 0 }), message: fc.string() }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(op, fc.oneof(bodies, names.map((n) => JSON.stringify(n))), async (operation, body) => {
        const answer = await signedRequest(core.edge.endpoint, core.credentials, {
          service: 'logs',
          method: 'POST',
          path: '/',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${operation}` },
          body,
        });
        expect(answer.status).toBeLessThan(500);
        expect(outsideState()).toEqual([]);
      }),
      { numRuns: 60 },
    );
    await logs.send(new DescribeLogGroupsCommand({}));
  });
});
