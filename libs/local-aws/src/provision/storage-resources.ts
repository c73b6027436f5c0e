import { CreateLogGroupCommand, CloudWatchLogsClient, ResourceAlreadyExistsException } from '@aws-sdk/client-cloudwatch-logs';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { RUNS_BY_TIME_INDEX, tableKeySchema } from '@framefarm/job-specs';
import { waitForTable } from '@framefarm/run-store';

export async function ensureBucket(s3: S3Client, bucket: string): Promise<'created' | 'unchanged'> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return 'unchanged';
  } catch (err) {
    if (!(err instanceof NotFound) && (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw err;
  }
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return 'created';
}

/** The single runs table: `pk`/`sk` strings and the runs-by-time index, on-demand, as on AWS. */
export async function ensureTable(dynamodb: DynamoDBClient, table: string): Promise<'created' | 'updated' | 'unchanged'> {
  try {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    if ((Table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexName === RUNS_BY_TIME_INDEX.name)) return 'unchanged';
    await recreateWithIndex(dynamodb, table);
    return 'updated';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await createTable(dynamodb, table);
  await waitForTable(dynamodb, table, 'ACTIVE');
  return 'created';
}

const createTable = (dynamodb: DynamoDBClient, table: string) =>
  dynamodb.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', ...tableKeySchema() }));

/**
 * A table from a state directory older than the runs-by-time index. DynamoDB would add the index
 * with UpdateTable, but dynalite ignores index creation there, so the local table is rebuilt:
 * its items are read, the table is made anew with the index, and the items written back.
 */
async function recreateWithIndex(dynamodb: DynamoDBClient, table: string): Promise<void> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  await dynamodb.send(new DeleteTableCommand({ TableName: table }));
  await waitForTable(dynamodb, table, 'gone');
  await createTable(dynamodb, table);
  await waitForTable(dynamodb, table, 'ACTIVE');
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, AttributeValue>[] = items.slice(i, i + 25);
    while (pending.length > 0) {
      const { UnprocessedItems } = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
      pending = (UnprocessedItems?.[table] ?? []).map((request) => request.PutRequest?.Item).filter((item): item is Record<string, AttributeValue> => item !== undefined);
    }
  }
}

export async function ensureLogGroup(logs: CloudWatchLogsClient, group: string): Promise<'created' | 'unchanged'> {
  try {
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    return 'created';
  } catch (err) {
    if (err instanceof ResourceAlreadyExistsException) return 'unchanged';
    throw err;
  }
}
