import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

/** How often and how many times to look whether a table has gone or become ACTIVE. */
const TABLE_POLL = { everyMs: 50, times: 600 };

/**
 * Deleting and creating a table finish after the call returns (DELETING, CREATING), in dynalite
 * as in DynamoDB: the next step waits until the table is gone, or ACTIVE.
 */
export async function waitForTable(dynamodb: DynamoDBClient, table: string, wanted: 'gone' | 'ACTIVE'): Promise<void> {
  for (let i = 0; i < TABLE_POLL.times; i++) {
    try {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
      if (wanted === 'ACTIVE' && Table?.TableStatus === 'ACTIVE') return;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
      if (wanted === 'gone') return;
    }
    await sleep(TABLE_POLL.everyMs);
  }
  throw new Error(`table ${table} did not become ${wanted === 'gone' ? 'deleted' : 'ACTIVE'} within ${(TABLE_POLL.everyMs * TABLE_POLL.times) / 1000} s`);
}
