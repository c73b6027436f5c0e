import type { StepName } from '@framefarm/job-specs';
import { chunksPrefix, posterKey, runManifestKey, runPk, sketchKey, videoKey } from './keys';

/**
 * The one description of what each step's job role may do, as plain IAM policy statements.
 * The CDK stack attaches them to the job roles (apps/infra job-permissions.ts) and the local
 * stack enforces them on every request a job makes with its role credentials, so a missing
 * permission fails locally before anyone deploys.
 */
export interface PolicyStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** How each place names the bucket: ARNs on AWS (CDK tokens there), fixed ARNs locally. */
export interface BucketArns {
  bucketArn: string;
  /** The ARN of the objects matching a key pattern (`runs/*\/manifest.json`). */
  objectArn(keyPattern: string): string;
}

/** Everything a step's policy names. */
export interface PolicyResources {
  bucket: BucketArns;
  tableArn: string;
  /** The jobs the step submits (SUBMITS), with their queues and definitions. */
  submitTargets: SubmitTarget[];
}

/** Which steps' jobs a step submits (plan submits the render array and encode). */
export interface SubmitTarget {
  jobQueueArn: string;
  /** A job definition name, or a name with `:*` for every revision, to its ARN. */
  jobDefinitionArn(nameOrPattern: string): string;
  jobDefinitionName: string;
}

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

/** Which objects each step touches (see keys.ts); everything else is denied by omission. */
export const OBJECT_ACCESS: Record<StepName, ObjectAccess> = {
  // Plan checks that a user's sketch bundle was uploaded before it submits anything (HeadObject).
  plan: { read: [MANIFEST, SKETCHES], write: [MANIFEST] },
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

/** The steps whose jobs each step submits. */
export const SUBMITS: Record<StepName, StepName[]> = { plan: ['render', 'encode'], render: [], encode: [] };

export function objectStatements(step: StepName, r: BucketArns): PolicyStatement[] {
  const access = OBJECT_ACCESS[step];
  return [
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: access.read.map((key) => r.objectArn(key)) },
    // PutObjectTagging covers the Tagging header that marks chunks for the lifecycle rule.
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'], Resource: access.write.map((key) => r.objectArn(key)) },
    // Without ListBucket, S3 answers 403 instead of 404 for a missing key, and every step asks
    // "does this exist yet?" (manifest, chunk manifest, video) before writing. Listing shows key
    // names only; a prefix condition would not help, as GetObject requests carry no s3:prefix.
    { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [r.bucketArn] },
  ];
}

export function itemStatements(step: StepName, tableArn: string): PolicyStatement[] {
  return [
    {
      Effect: 'Allow',
      Action: ITEM_ACTIONS[step],
      Resource: [tableArn],
      // Every item of the single-table design lives under a RUN#<runId> partition.
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [runPk(ANY)] } },
    },
  ];
}

/** Traces go to X-Ray, whose write calls take no resource ARN. */
export function traceStatements(): PolicyStatement[] {
  return [{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:PutSpans'], Resource: ['*'] }];
}

/** Submitting jobs: only to the given queues and definitions (every revision). */
export function submitStatements(targets: SubmitTarget[]): PolicyStatement[] {
  if (targets.length === 0) return [];
  const definitionArns = targets.flatMap((t) => [
    // SubmitJob by name is authorized against the latest revision's ARN, which ends in :<revision>.
    t.jobDefinitionArn(t.jobDefinitionName),
    t.jobDefinitionArn(`${t.jobDefinitionName}:*`),
  ]);
  return [{ Effect: 'Allow', Action: ['batch:SubmitJob'], Resource: [...targets.map((t) => t.jobQueueArn), ...definitionArns] }];
}

/** Everything a step's job role is allowed, as one policy document. */
export function jobRolePolicy(step: StepName, r: PolicyResources): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [...objectStatements(step, r.bucket), ...itemStatements(step, r.tableArn), ...traceStatements(), ...submitStatements(r.submitTargets)],
  };
}
