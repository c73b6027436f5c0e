import { ConditionalCheckFailedException, CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RUNS_BY_TIME_INDEX } from '@framefarm/job-specs';
import type { CoreServices } from '../src/core-services';
import { waitForTable } from '@framefarm/run-store';
import { ensureTable } from '../src/provision/storage-resources';
import { dynamoClient, removeDir, startCore, tempStateDir } from './helpers';

const TABLE = 'framefarm-runs-test';

describe('DynamoDB through the edge', () => {
  let stateDir: string;
  let core: CoreServices;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;

  beforeAll(async () => {
    stateDir = tempStateDir();
    core = await startCore(stateDir);
    client = dynamoClient(core);
    doc = DynamoDBDocumentClient.from(client);
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    // CreateTable returns while the table is CREATING, in dynalite as in DynamoDB.
    await waitForTable(client, TABLE, 'ACTIVE');
  });
  afterAll(async () => {
    client.destroy();
    await core.stop();
    removeDir(stateDir);
  });

  it('creates an on-demand table', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('puts, gets and queries items by partition and sort key prefix', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'RUN#r1', sk: 'RUN', status: 'PLANNED', chunks: 3 } }));
    for (const i of [2, 0, 1]) {
      await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'RUN#r1', sk: `CHUNK#${String(i).padStart(5, '0')}`, frames: 30 } }));
    }
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'RUN#r1', sk: 'RUN' } }));
    expect(Item).toEqual({ pk: 'RUN#r1', sk: 'RUN', status: 'PLANNED', chunks: 3 });
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
        ExpressionAttributeValues: { ':pk': 'RUN#r1', ':chunk': 'CHUNK#' },
      }),
    );
    expect(Items?.map((i) => i.sk)).toEqual(['CHUNK#00000', 'CHUNK#00001', 'CHUNK#00002']);
  });

  it('applies conditional updates and rejects the ones whose condition fails', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'RUN#r2', sk: 'RUN', status: 'RENDERING', done: 0 } }));
    const updated = await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: 'RUN#r2', sk: 'RUN' },
        UpdateExpression: 'SET done = done + :one',
        ConditionExpression: '#s = :rendering',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':rendering': 'RENDERING' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes?.done).toBe(1);
    await expect(
      doc.send(
        new PutCommand({ TableName: TABLE, Item: { pk: 'RUN#r2', sk: 'RUN', status: 'NEW' }, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'RUN#r2', sk: 'RUN' } }));
    expect(Item?.status).toBe('RENDERING');
  });

  it('survives a client that disconnects in the middle of a request', async () => {
    const { request } = await import('node:http');
    const closed = new Promise<void>((resolve) => {
      const req = request(core.edge.endpoint, {
        method: 'POST',
        headers: {
          'content-length': '1000',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
      });
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.write('{"Limit":', () => req.destroy());
    });
    await closed;
    for (let i = 0; i < 3; i++) {
      const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'RUN#r1', sk: 'RUN' } }));
      expect(Item?.status).toBe('PLANNED');
    }
  });

  it('rebuilds a table made before the runs-by-time index with the index, keeping every item', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'RUN#old', sk: 'RUN', type: 'run', createdAt: '2026-01-01T00:00:00.000Z' } }));
    expect(await ensureTable(client, TABLE)).toBe('updated');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([RUNS_BY_TIME_INDEX.name]);
    const { Items } = await doc.send(
      new QueryCommand({ TableName: TABLE, IndexName: RUNS_BY_TIME_INDEX.name, KeyConditionExpression: '#t = :run', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':run': 'run' } }),
    );
    expect(Items?.map((item) => item.pk)).toEqual(['RUN#old']);
    // The items the earlier tests wrote are all still there.
    const { Items: chunks } = await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'RUN#r1' } }));
    expect(chunks?.length).toBeGreaterThan(1);
    expect(await ensureTable(client, TABLE)).toBe('unchanged');
  });
});
