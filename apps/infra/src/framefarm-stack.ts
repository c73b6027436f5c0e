import { Aws, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  allJobSpecs,
  jobDefinitionEnvironment,
  OUTPUT_BUCKET,
  OUTPUT_TABLE,
  type JobSpec,
  type StepName,
} from '@framefarm/job-specs';
import { ComputeEnvironments } from './compute-environments';
import { stepImage } from './docker-context';
import { FailureAlerts } from './failure-alerts';
import { ImageRepositories } from './image-repositories';
import { assertJobsFit } from './instance-capacity';
import { grantItems, grantObjects, grantSubmit, grantTraces } from './job-permissions';
import { Network } from './network';
import { RenderPipeline } from './render-pipeline';
import { RunBucket } from './run-bucket';
import { RunTable } from './run-table';
import { SharedScratch } from './shared-scratch';
import { StepJob } from './step-job';
import { resolveProps, type FramefarmStackProps, type ResolvedProps } from './stack-props';

/** The demo run the scheduled state machine starts: the quick start's 120 frames in chunks of 30. */
const SCHEDULED_RUN = { totalFrames: 120, framesPerRenderJob: 30 };

/** The AWS side of framefarm, built from the same job specs as the local stack. */
export class FramefarmStack extends Stack {
  readonly jobs: Record<StepName, StepJob>;
  readonly pipeline?: RenderPipeline;

  constructor(scope: Construct, id: string, props: FramefarmStackProps = {}) {
    super(scope, id, props);
    const config = resolveProps(props);
    const specs = allJobSpecs(config.prefix).map((spec) => withSize(spec, config));
    assertJobsFit(specs, config.instanceTypes);
    const logRetention = config.logRetention;

    const network = new Network(this, 'Network', { egress: config.egress, logRetention });
    const compute = new ComputeEnvironments(this, 'Compute', {
      vpc: network.vpc,
      subnets: network.computeSubnets,
      instanceTypes: config.instanceTypes,
      maxVcpus: config.maxVcpus,
      spot: config.spot,
    });
    network.allowEndpointsFrom(compute.securityGroup);
    const bucket = new RunBucket(this, 'Runs', { chunkRetentionDays: config.chunkRetentionDays }).bucket;
    const table = new RunTable(this, 'RunTable').table;
    const scratch = config.sharedScratch
      ? new SharedScratch(this, 'Scratch', { vpc: network.vpc, subnets: network.computeSubnets, clients: compute.securityGroup })
      : undefined;

    const executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Pulls the job images and writes the job logs (and reads the job secrets)',
    });
    Validations.of(executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken takes no resource ARN; image pulls themselves are scoped to the asset repository.',
    });

    const sharedEnvironment = jobDefinitionEnvironment({ bucket: bucket.bucketName, table: table.tableName, prefix: config.prefix });
    const environment = {
      ...sharedEnvironment,
      // The SDK and the X-Ray OTLP exporter read the region from here; spelled out rather than
      // trusting every agent and runtime to inject it (Lambda sets it itself and forbids it).
      AWS_REGION: Aws.REGION,
    };
    const repositories = new ImageRepositories(this, 'Images', { prefix: config.prefix }).repositories;
    const jobs = {} as Record<StepName, StepJob>;
    for (const spec of specs) {
      const job = new StepJob(this, capitalized(spec.step), {
        spec,
        image: stepImage(spec.step, releasedImage(repositories, spec.step, config)),
        computeEnvironments: compute.ordered,
        executionRole,
        environment,
        secrets: secretsFor(this, spec.step, config),
        volumes: scratch ? [scratch.volume()] : undefined,
        logRetention,
      });
      grantObjects(spec.step, job.jobRole, bucket);
      grantItems(spec.step, job.jobRole, table);
      grantTraces(job.jobRole);
      scratch?.grantMount(job.jobRole);
      acknowledgeJobRoleWildcards(job);
      jobs[spec.step] = job;
    }
    this.jobs = jobs;
    grantSubmit(
      jobs.plan.jobRole,
      specs
        .filter((spec) => spec.step !== 'plan')
        .map((spec) => ({ jobQueue: jobs[spec.step].jobQueue, jobDefinitionName: spec.jobDefinitionName })),
    );

    const alerts = new FailureAlerts(this, 'FailedJobs', {
      jobQueueArns: specs.map((spec) => jobs[spec.step].jobQueue.jobQueueArn),
      email: config.alarmEmail,
    });

    if (config.stepFunctions) {
      this.pipeline = new RenderPipeline(this, 'RenderPipeline', {
        render: jobs.render,
        encode: jobs.encode,
        bucket,
        table,
        environment: sharedEnvironment,
        logRetention,
        scheduleCron: config.scheduleCron,
        scheduleInput: SCHEDULED_RUN,
      });
      output(this, 'CfnOutputStateMachine', this.pipeline.stateMachine.stateMachineArn, 'Starts plan → render → encode');
    }

    for (const spec of specs) {
      const job = jobs[spec.step];
      output(this, spec.outputs.jobQueue, job.jobQueue.jobQueueArn, `${spec.step} job queue`);
      output(this, spec.outputs.jobDefinition, job.jobDefinition.jobDefinitionArn, `${spec.step} job definition`);
    }
    output(this, OUTPUT_BUCKET, bucket.bucketName, 'Run manifests, chunks and videos');
    output(this, OUTPUT_TABLE, table.tableName, 'Run and chunk records');
    output(this, 'CfnOutputFailedJobsTopic', alerts.topic.topicArn, 'Failed-job notifications');
    for (const spec of specs) {
      output(this, `CfnOutput${capitalized(spec.step)}ImageRepository`, repositories[spec.step].repositoryUri, `where the release workflow pushes the ${spec.step} image`);
    }
  }
}

function releasedImage(repositories: ImageRepositories['repositories'], step: StepName, config: ResolvedProps) {
  const digest = config.releasedImages?.[step];
  return digest ? { repository: repositories[step], digest } : undefined;
}

const capitalized = (step: string): string => step[0].toUpperCase() + step.slice(1);

function withSize(spec: JobSpec, config: ResolvedProps): JobSpec {
  const size = config.jobSizes?.[spec.step];
  return size ? { ...spec, vcpus: size.vcpus, memoryMiB: size.memoryMiB } : spec;
}

/** Output logical ids are the names the quick start and the CLI read, so they must not get a hash. */
function output(scope: Construct, name: string, value: string, description: string): void {
  const out = new CfnOutput(scope, name, { value, description });
  out.overrideLogicalId(name);
}

function secretsFor(scope: Construct, step: StepName, config: ResolvedProps): Record<string, batch.Secret> | undefined {
  const mine = (config.secrets ?? []).filter((s) => s.steps.includes(step));
  if (mine.length === 0) return undefined;
  return Object.fromEntries(
    mine.map((s) => {
      const id = `Secret-${step}-${s.environmentName}`;
      const secret = secretsmanager.Secret.fromSecretNameV2(scope, id, s.secretName);
      return [s.environmentName, batch.Secret.fromSecretsManager(secret, s.field)];
    }),
  );
}

function acknowledgeJobRoleWildcards(job: StepJob): void {
  Validations.of(job.jobRole).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray trace writes (xray:PutTraceSegments, PutTelemetryRecords, PutSpans) take no resource ARN.',
  });
}
