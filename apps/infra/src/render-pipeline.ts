import * as path from 'node:path';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as batch from 'aws-cdk-lib/aws-batch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { JOB_NODE_MAJOR } from '@framefarm/job-specs';
import { REPO_ROOT } from './docker-context';
import { grantItems, grantObjects } from './job-permissions';
import { acknowledgeWildcardResources } from './nag';

export interface BatchTarget {
  jobQueue: batch.IJobQueue;
  jobDefinition: batch.IJobDefinition;
}

export interface RenderPipelineProps {
  render: BatchTarget;
  encode: BatchTarget;
  bucket: s3.IBucket;
  table: dynamodb.ITableV2;
  /** The jobs' environment (bucket and table names): the plan function records the run there. */
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  /** EventBridge Scheduler expression, e.g. `cron(0 3 * * ? *)`; no schedule when absent. */
  scheduleCron?: string;
  /** Input of scheduled executions. */
  scheduleInput?: Record<string, unknown>;
}

/**
 * Plan (a Lambda doing the plan job's recording and planChunks), then the render array job, then
 * the encode job, each waited for with the run-job (.sync) integration. It replaces the plan job
 * for runs started by Step Functions: render and encode get the run's settings as container
 * overrides, as from plan, and the run shows up in `framefarm status` like any other.
 */
export class RenderPipeline extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly planFunction: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: RenderPipelineProps) {
    super(scope, id);

    const functionLogs = new logs.LogGroup(this, 'PlanFunctionLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const functionRole = new iam.Role(this, 'PlanFunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    functionLogs.grantWrite(functionRole);
    // It writes what the plan job writes: the run manifest and the run record.
    grantObjects('plan', functionRole, props.bucket);
    grantItems('plan', functionRole, props.table);
    this.planFunction = new nodejs.NodejsFunction(this, 'PlanFunction', {
      entry: path.join(__dirname, 'lambda', 'plan-run.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(30),
      environment: props.environment,
      role: functionRole,
      logGroup: functionLogs,
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        // Bundle with the installed esbuild: there is no Docker engine in CI or here.
        forceDockerBundling: false,
        tsconfig: path.join(REPO_ROOT, 'apps/infra/tsconfig.json'),
        target: `node${JOB_NODE_MAJOR}`,
        minify: true,
        sourceMap: false,
        // Bundle the SDK too: the versions of package-lock.json, not whatever the runtime ships.
        externalModules: [],
      },
    });
    Validations.of(functionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords take no resource ARN.',
    });

    const plan = new tasks.LambdaInvoke(this, 'Plan', {
      lambdaFunction: this.planFunction,
      payloadResponseOnly: true,
      resultPath: '$.plan',
      retryOnServiceExceptions: true,
    });

    const renderArray = this.submitJob('Render', props.render, {
      'JobName.$': "States.Format('{}-render', $.plan.runId)",
      ArrayProperties: { 'Size.$': '$.plan.arraySize' },
    });
    const renderSingle = this.submitJob('Render single chunk', props.render, {
      'JobName.$': "States.Format('{}-render', $.plan.runId)",
    });
    const encode = this.submitJob('Encode', props.encode, {
      'JobName.$': "States.Format('{}-encode', $.plan.runId)",
    });

    const definition = plan
      .next(
        new sfn.Choice(this, 'More than one chunk?')
          .when(sfn.Condition.booleanEquals('$.plan.isArray', true), renderArray)
          .otherwise(renderSingle)
          .afterwards(),
      )
      .next(encode)
      .next(new sfn.Succeed(this, 'Video written'));

    const stateMachineLogs = new logs.LogGroup(this, 'StateMachineLogs', {
      // Step Functions writes through CloudWatch vended logs, whose resource policy is sized for this prefix.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-render-pipeline`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      tracingEnabled: true,
      logs: { destination: stateMachineLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
      timeout: Duration.hours(6),
    });
    this.grantRunJobs([props.render, props.encode]);
    const stack = Stack.of(this);
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Log delivery (logs:CreateLogDelivery and friends), X-Ray and batch:DescribeJobs take no resource ARN.',
    });
    acknowledgeWildcardResources(
      this.stateMachine.role,
      [`${this.planFunction.functionArn}:*`, stack.formatArn({ service: 'batch', resource: 'job', resourceName: '*' })],
      'Any version of the one plan function, and stopping the jobs this state machine started (their ids are unknown until run time).',
    );

    if (props.scheduleCron) {
      new scheduler.Schedule(this, 'Schedule', {
        schedule: scheduler.ScheduleExpression.expression(props.scheduleCron),
        description: 'Starts a framefarm render run',
        target: new schedulerTargets.StepFunctionsStartExecution(this.stateMachine, {
          input: scheduler.ScheduleTargetInput.fromObject(props.scheduleInput ?? {}),
          retryAttempts: 2,
        }),
      });
    }
  }

  /** `arn:aws:states:::batch:submitJob.sync`: the state waits for the job (or the whole array) to finish. */
  private submitJob(id: string, target: BatchTarget, parameters: Record<string, unknown>): sfn.CustomState {
    return new sfn.CustomState(this, id, {
      stateJson: {
        Type: 'Task',
        Resource: `arn:${Aws.PARTITION}:states:::batch:submitJob.sync`,
        Parameters: {
          ...parameters,
          JobQueue: target.jobQueue.jobQueueArn,
          JobDefinition: target.jobDefinition.jobDefinitionArn,
          ContainerOverrides: { 'Environment.$': '$.plan.environment' },
        },
        ResultSelector: { 'JobId.$': '$.JobId', 'Status.$': '$.Status' },
        ResultPath: `$.${id.split(' ')[0].toLowerCase()}`,
      },
    });
  }

  /** What the .sync integration needs: submit, poll and stop the jobs, and its managed EventBridge rule. */
  private grantRunJobs(targets: BatchTarget[]): void {
    const stack = Stack.of(this);
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['batch:SubmitJob'],
        resources: targets.flatMap((t) => [t.jobQueue.jobQueueArn, t.jobDefinition.jobDefinitionArn]),
      }),
    );
    // DescribeJobs takes no resource ARN.
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['batch:DescribeJobs'], resources: ['*'] }));
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['batch:TerminateJob'],
        resources: [stack.formatArn({ service: 'batch', resource: 'job', resourceName: '*' })],
      }),
    );
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [
          stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForBatchJobsRule' }),
        ],
      }),
    );
  }
}
