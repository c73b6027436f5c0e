/**
 * The one DynamoDB table (runs and chunks, single-table design), on-demand, the same on AWS and
 * locally. Items: run `pk=RUN#<runId>, sk=RUN`; chunk `pk=RUN#<runId>, sk=CHUNK#<index padded to 5>`.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** A utility job definition for workflows of shell commands (`framefarm workflow`, tests). */
export const SHELL_JOB_DEFINITION = 'framefarm-shell';
export const SHELL_IMAGE = 'public.ecr.aws/docker/library/busybox:stable';
