import { BatchClient, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { localEndpointEnvironment, startLocalStack, type LocalStack } from '../src';
import { removeDir, tempStateDir } from './helpers';

/**
 * The apps configure nothing but the environment: with localEndpointEnvironment() set, plain SDK
 * clients (no endpoint, no forcePathStyle, no credentials in code) reach every local service.
 */
describe('clients configured only by localEndpointEnvironment()', () => {
  let stateDir: string;
  let stack: LocalStack;
  const saved = { ...process.env };

  beforeAll(async () => {
    stateDir = tempStateDir();
    stack = await startLocalStack({ stateDir, port: 0, quiet: true, capacity: { vcpus: 1, memoryMiB: 1024 } });
    Object.assign(process.env, localEndpointEnvironment(stack.endpoint, 'eu-west-1', stack.credentials));
  });
  afterAll(async () => {
    process.env = saved;
    await stack.stop();
    removeDir(stateDir);
  });

  it('reaches S3 (path-style on an IP endpoint), DynamoDB, CloudWatch Logs and Batch', async () => {
    const s3 = new S3Client({});
    await s3.send(new CreateBucketCommand({ Bucket: 'framefarm-env' }));
    await s3.send(new PutObjectCommand({ Bucket: 'framefarm-env', Key: 'a.txt', Body: 'via env' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'framefarm-env', Key: 'a.txt' }));
    expect(await got.Body?.transformToString()).toBe('via env');
    await expect(new DynamoDBClient({}).send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    await expect(new CloudWatchLogsClient({}).send(new DescribeLogGroupsCommand({}))).resolves.toMatchObject({ logGroups: [] });
    await expect(new BatchClient({}).send(new DescribeJobQueuesCommand({}))).resolves.toMatchObject({ jobQueues: [] });
    expect(await s3.config.region()).toBe('eu-west-1');
  });
});
