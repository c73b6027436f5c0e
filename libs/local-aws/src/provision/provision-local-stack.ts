import { BatchClient } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { allJobSpecs, LOCAL_RESOURCES, OUTPUT_BUCKET, OUTPUT_TABLE, type StepName } from '@framefarm/job-specs';
import { machineCapacity, type Capacity } from '../capacity';
import type { AccessKeys } from '../auth/credentials';
import { DEFAULT_REGION } from '../local-environment';
import { ensureComputeEnvironment, ensureJobDefinition, ensureJobQueues, type ProvisionedResource } from './batch-resources';
import { desiredJobDefinitions } from './desired-job-definitions';
import { ensureBucket, ensureLogGroup, ensureTable } from './storage-resources';

/** Where Batch jobs write their output, as on AWS. */
export const BATCH_LOG_GROUP = '/aws/batch/job';

export interface ProvisionedResources {
  bucket: { name: string; action: 'created' | 'unchanged' };
  table: { name: string; action: 'created' | 'updated' | 'unchanged' };
  logGroup: { name: string; action: 'created' | 'unchanged' };
  computeEnvironment: ProvisionedResource;
  jobQueues: Record<StepName, ProvisionedResource>;
  jobDefinitions: Record<StepName, ProvisionedResource & { revision: number }>;
  shellJobDefinition: ProvisionedResource & { revision: number };
  /** The AWS stack's output names with the local values (queue and definition ARNs, bucket, table). */
  outputs: Record<string, string>;
}

export interface ProvisionOptions {
  /** The stack's admin credentials (`stack.credentials`, or `localStackCredentials(endpoint)`). */
  credentials: AccessKeys;
  region?: string;
  capacity?: Capacity;
}

/**
 * Creates what the render pipeline needs on a running local stack, only through the AWS SDK:
 * the bucket, the runs table, the Batch log group, one compute environment sized to this
 * machine, a job queue and a job definition per step (from the job specs), and the shell job
 * definition. Idempotent: existing resources are kept, queues and the compute environment are
 * updated in place when they differ, and a job definition gets a new revision only when it changed.
 */
export async function provisionLocalStack(endpoint: string, opts: ProvisionOptions): Promise<ProvisionedResources> {
  const config = { endpoint, region: opts.region ?? DEFAULT_REGION, credentials: opts.credentials };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const dynamodb = new DynamoDBClient(config);
  const logs = new CloudWatchLogsClient(config);
  const batch = new BatchClient(config);
  try {
    // Independent resources are made at once: each Batch call waits for its journal write, each
    // table or bucket call for its own store, and those waits overlap. Queues need the environment.
    const specs = allJobSpecs(LOCAL_RESOURCES.prefix);
    const definitions = desiredJobDefinitions(LOCAL_RESOURCES.prefix);
    const stepDefinitions = specs.map((spec) => {
      const desired = definitions.find((d) => d.jobDefinitionName === spec.jobDefinitionName);
      if (!desired) throw new Error(`no job definition was derived for step ${spec.step}`);
      return desired;
    });
    const [bucketAction, tableAction, logGroupAction, { computeEnvironment, jobQueues }, jobDefinitionList, shellJobDefinition] = await Promise.all([
      ensureBucket(s3, LOCAL_RESOURCES.bucket),
      ensureTable(dynamodb, LOCAL_RESOURCES.table),
      ensureLogGroup(logs, BATCH_LOG_GROUP),
      ensureComputeEnvironment(batch, opts.capacity ?? machineCapacity()).then(async (computeEnvironment) => ({
        computeEnvironment,
        jobQueues: (await ensureJobQueues(batch, LOCAL_RESOURCES.prefix)) as Record<StepName, ProvisionedResource>,
      })),
      Promise.all(stepDefinitions.map((desired) => ensureJobDefinition(batch, desired))),
      ensureJobDefinition(batch, definitions[definitions.length - 1]),
    ]);
    const bucket = { name: LOCAL_RESOURCES.bucket, action: bucketAction };
    const table = { name: LOCAL_RESOURCES.table, action: tableAction };
    const logGroup = { name: BATCH_LOG_GROUP, action: logGroupAction };
    const jobDefinitions = Object.fromEntries(specs.map((spec, i) => [spec.step, jobDefinitionList[i]])) as Record<StepName, ProvisionedResource & { revision: number }>;

    const outputs: Record<string, string> = { [OUTPUT_BUCKET]: bucket.name, [OUTPUT_TABLE]: table.name };
    for (const spec of specs) {
      outputs[spec.outputs.jobQueue] = jobQueues[spec.step].arn;
      outputs[spec.outputs.jobDefinition] = jobDefinitions[spec.step].arn;
    }
    return { bucket, table, logGroup, computeEnvironment, jobQueues, jobDefinitions, shellJobDefinition, outputs };
  } finally {
    for (const client of [s3, dynamodb, logs, batch]) client.destroy();
  }
}
