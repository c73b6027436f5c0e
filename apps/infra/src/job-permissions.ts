import { Stack } from 'aws-cdk-lib';
import type * as batch from 'aws-cdk-lib/aws-batch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { type StepName } from '@framefarm/job-specs';
import { itemStatements, objectStatements, submitStatements, traceStatements, type PolicyStatement } from '@framefarm/run-store';
import { acknowledgeWildcardResources } from './nag';

/*
 * The job roles' statements come from one source (libs/run-store job-policies.ts), which the
 * local stack enforces too; here they only get the deployed resources' ARNs.
 */

function attach(role: iam.IRole, statements: PolicyStatement[]): void {
  for (const statement of statements) role.addToPrincipalPolicy(iam.PolicyStatement.fromJson(statement));
}

export function grantObjects(step: StepName, role: iam.IRole, bucket: s3.IBucket): void {
  const statements = objectStatements(step, { bucketArn: bucket.bucketArn, objectArn: (key) => bucket.arnForObjects(key) });
  attach(role, statements);
  const objectArns = statements.filter((s) => !s.Action.includes('s3:ListBucket')).flatMap((s) => s.Resource);
  acknowledgeWildcardResources(
    role,
    [...new Set(objectArns)],
    `The * stands for the run id (or the sketch hash): ${step} reaches only these keys of each run (libs/run-store keys.ts).`,
  );
}

export function grantItems(step: StepName, role: iam.IRole, table: dynamodb.ITableV2): void {
  attach(role, itemStatements(step, table.tableArn));
}

/** Traces go to X-Ray, whose write calls take no resource ARN. */
export function grantTraces(role: iam.IRole): void {
  attach(role, traceStatements());
}

/** Plan may submit only render and encode jobs, to their own queues. */
export function grantSubmit(role: iam.IRole, targets: { jobQueue: batch.IJobQueue; jobDefinitionName: string }[]): void {
  const stack = Stack.of(role);
  const jobDefinitionArn = (resourceName: string): string => stack.formatArn({ service: 'batch', resource: 'job-definition', resourceName });
  const statements = submitStatements(targets.map((t) => ({ jobQueueArn: t.jobQueue.jobQueueArn, jobDefinitionName: t.jobDefinitionName, jobDefinitionArn })));
  attach(role, statements);
  acknowledgeWildcardResources(
    role,
    targets.map((t) => jobDefinitionArn(`${t.jobDefinitionName}:*`)),
    'The * is the job definition revision: every revision of the render and encode definitions, nothing else.',
  );
}
