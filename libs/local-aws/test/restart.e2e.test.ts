import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { waitForTable } from '@framefarm/run-store';
import { dynamoClient, logsClient, removeDir, s3Client, startCore, tempStateDir } from './helpers';

describe('state survives a restart of the local services', () => {
  let stateDir: string;
  beforeAll(() => {
    stateDir = tempStateDir();
  });
  afterAll(() => removeDir(stateDir));

  it('keeps S3 objects, DynamoDB items and log events', async () => {
    const first = await startCore(stateDir);
    const s3 = s3Client(first);
    const dynamo = dynamoClient(first);
    await s3.send(new CreateBucketCommand({ Bucket: 'framefarm-keep' }));
    await s3.send(new PutObjectCommand({ Bucket: 'framefarm-keep', Key: 'runs/r1/video.mp4', Body: 'frames' }));
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'keep',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      }),
    );
    // CreateTable returns while the table is CREATING, in dynalite as in DynamoDB.
    await waitForTable(dynamo, 'keep', 'ACTIVE');
    await DynamoDBDocumentClient.from(dynamo).send(new PutCommand({ TableName: 'keep', Item: { pk: 'RUN#r1', sk: 'RUN', status: 'SUCCEEDED' } }));
    first.logStore.append('/aws/batch/job', 'framefarm-plan/default/t1', [{ timestamp: 5, message: 'planned' }]);
    s3.destroy();
    dynamo.destroy();
    await first.stop();

    const second = await startCore(stateDir);
    try {
      const s3Again = s3Client(second);
      const object = await s3Again.send(new GetObjectCommand({ Bucket: 'framefarm-keep', Key: 'runs/r1/video.mp4' }));
      expect(await object.Body?.transformToString()).toBe('frames');
      const dynamoAgain = dynamoClient(second);
      const { Item } = await DynamoDBDocumentClient.from(dynamoAgain).send(new GetCommand({ TableName: 'keep', Key: { pk: 'RUN#r1', sk: 'RUN' } }));
      expect(Item).toEqual({ pk: 'RUN#r1', sk: 'RUN', status: 'SUCCEEDED' });
      const logs = logsClient(second);
      const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/batch/job', logStreamName: 'framefarm-plan/default/t1' }));
      expect(events?.map((e) => e.message)).toEqual(['planned']);
      for (const c of [s3Again, dynamoAgain, logs]) c.destroy();
    } finally {
      await second.stop();
    }
  });

  it('refuses a second stack on the same state directory with a clear error, and the first keeps working', async () => {
    const first = await startCore(stateDir);
    try {
      await expect(startCore(stateDir)).rejects.toMatchObject({ name: 'StateDirInUseError', message: expect.stringContaining('in use by another local stack') });
      const dynamo = dynamoClient(first);
      const { Item } = await DynamoDBDocumentClient.from(dynamo).send(new GetCommand({ TableName: 'keep', Key: { pk: 'RUN#r1', sk: 'RUN' } }));
      expect(Item?.status).toBe('SUCCEEDED');
      dynamo.destroy();
    } finally {
      await first.stop();
    }
  });
});
