import { CreateLogGroupCommand, CloudWatchLogsClient, ResourceAlreadyExistsException } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { RUNS_BY_TIME_INDEX, runsByTimeIndexSchema, tableKeySchema } from '@framefarm/job-specs';

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
    // A state directory from before the index: add it (DynamoDB backfills it from the items).
    const { AttributeDefinitions } = tableKeySchema();
    await dynamodb.send(
      new UpdateTableCommand({ TableName: table, AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: runsByTimeIndexSchema() }] }),
    );
    return 'updated';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      ...tableKeySchema(),
    }),
  );
  return 'created';
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
