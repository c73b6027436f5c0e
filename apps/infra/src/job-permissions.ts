import { Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { type StepName } from '@framefarm/job-specs';
import { chunksPrefix, posterKey, runManifestKey, runPk, sketchKey, videoKey } from '@framefarm/run-store';
import { acknowledgeWildcardResources } from './nag';

/** The apps' own key functions with the run id (or sketch hash) as a wildcard: what IAM can match. */
const ANY = '*';
const MANIFEST = runManifestKey(ANY);
const CHUNKS = `${chunksPrefix(ANY)}*`;
const VIDEO = videoKey(ANY);
const POSTER = posterKey(ANY);
const SKETCHES = sketchKey(ANY);

interface ObjectAccess {
  read: string[];
  write: string[];
}

/** Which objects each step touches (see libs/run-store keys.ts); everything else is denied by omission. */
const OBJECT_ACCESS: Record<StepName, ObjectAccess> = {
  plan: { read: [MANIFEST], write: [MANIFEST] },
  // Render reads the run's sketch bundle when it is a user's file (uploaded by the CLI).
  render: { read: [MANIFEST, CHUNKS, SKETCHES], write: [CHUNKS] },
  // Encode reads back the video's size to skip a run it already finished.
  encode: { read: [MANIFEST, CHUNKS, VIDEO, POSTER], write: [VIDEO, POSTER] },
};

const ITEM_ACTIONS: Record<StepName, string[]> = {
  plan: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  render: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  encode: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
};

export function grantObjects(step: StepName, role: iam.IRole, bucket: s3.IBucket): void {
  const access = OBJECT_ACCESS[step];
  const readable = access.read.map((key) => bucket.arnForObjects(key));
  const writable = access.write.map((key) => bucket.arnForObjects(key));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: readable }));
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      // PutObjectTagging covers the Tagging header that marks chunks for the lifecycle rule.
      actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'],
      resources: writable,
    }),
  );
  // Without ListBucket, S3 answers 403 instead of 404 for a missing key, and every step asks
  // "does this exist yet?" (manifest, chunk manifest, video) before writing. Listing shows key
  // names only; a prefix condition would not help, as GetObject requests carry no s3:prefix.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  acknowledgeWildcardResources(
    role,
    [...new Set([...readable, ...writable])],
    `The * stands for the run id (or the sketch hash): ${step} reaches only these keys of each run (libs/run-store keys.ts).`,
  );
}

export function grantItems(step: StepName, role: iam.IRole, table: dynamodb.ITableV2): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ITEM_ACTIONS[step],
      resources: [table.tableArn],
      // Every item of the single-table design lives under a RUN#<runId> partition.
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [runPk(ANY)] } },
    }),
  );
}

/** Traces go to X-Ray, whose write calls take no resource ARN. */
export function grantTraces(role: iam.IRole): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:PutSpans'],
      resources: ['*'],
    }),
  );
}

/** Plan may submit only render and encode jobs, to their own queues. */
export function grantSubmit(role: iam.IRole, targets: { jobQueue: batch.IJobQueue; jobDefinitionName: string }[]): void {
  const stack = Stack.of(role);
  const definitionArns = targets.flatMap(({ jobDefinitionName }) => [
    // SubmitJob by name is authorized against the latest revision's ARN, which ends in :<revision>.
    stack.formatArn({ service: 'batch', resource: 'job-definition', resourceName: jobDefinitionName }),
    stack.formatArn({ service: 'batch', resource: 'job-definition', resourceName: `${jobDefinitionName}:*` }),
  ]);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['batch:SubmitJob'],
      resources: [...targets.map((t) => t.jobQueue.jobQueueArn), ...definitionArns],
    }),
  );
  acknowledgeWildcardResources(
    role,
    definitionArns.filter((arn) => arn.includes(':*')),
    'The * is the job definition revision: every revision of the render and encode definitions, nothing else.',
  );
}
