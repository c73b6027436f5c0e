/**
 * The one DynamoDB table (runs and chunks, single-table design), on-demand, the same on AWS and
 * locally. Items: run `pk=RUN#<runId>, sk=RUN`; chunk `pk=RUN#<runId>, sk=CHUNK#<index padded to 5>`.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** A utility job definition for workflows of shell commands (`framefarm workflow`, tests). */
export const SHELL_JOB_DEFINITION = 'framefarm-shell';
export const SHELL_IMAGE = 'public.ecr.aws/docker/library/busybox:stable';

/** The table's keys in the shape of DynamoDB's CreateTable request (both keys are strings). */
export function tableKeySchema(): {
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
} {
  return {
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
  };
}
