/**
 * The one DynamoDB table (runs and chunks, single-table design), on-demand, the same on AWS and
 * locally. Items: run `pk=RUN#<runId>, sk=RUN`; chunk `pk=RUN#<runId>, sk=CHUNK#<index padded to 5>`.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * Runs newest first, for lists of runs (the dashboard): a global secondary index on the `type`
 * and `createdAt` attributes that run items carry. Chunk items have no `createdAt`, so the index
 * holds runs only.
 */
export const RUNS_BY_TIME_INDEX = { name: 'runs-by-created-at', partitionKey: 'type', sortKey: 'createdAt', runType: 'run' } as const;

/** A utility job definition for workflows of shell commands (`framefarm workflow`, tests). */
export const SHELL_JOB_DEFINITION = 'framefarm-shell';
export const SHELL_IMAGE = 'public.ecr.aws/docker/library/busybox:stable';

/** The table's keys in the shape of DynamoDB's CreateTable request (both keys are strings). */
interface KeyElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

/** The runs-by-time index in the shape of CreateTable's `GlobalSecondaryIndexes` entries. */
export function runsByTimeIndexSchema(): { IndexName: string; KeySchema: KeyElement[]; Projection: { ProjectionType: 'ALL' } } {
  return {
    IndexName: RUNS_BY_TIME_INDEX.name,
    KeySchema: [
      { AttributeName: RUNS_BY_TIME_INDEX.partitionKey, KeyType: 'HASH' },
      { AttributeName: RUNS_BY_TIME_INDEX.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

/** The table's keys and index in the shape of DynamoDB's CreateTable request (every key a string). */
export function tableKeySchema(): {
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  KeySchema: KeyElement[];
  GlobalSecondaryIndexes: ReturnType<typeof runsByTimeIndexSchema>[];
} {
  return {
    AttributeDefinitions: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, RUNS_BY_TIME_INDEX.partitionKey, RUNS_BY_TIME_INDEX.sortKey].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [runsByTimeIndexSchema()],
  };
}
