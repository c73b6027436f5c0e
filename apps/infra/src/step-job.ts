import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { JobSpec, RetryRule } from '@framefarm/job-specs';
import { ec2Vcpus } from './instance-capacity';

export interface StepJobProps {
  spec: JobSpec;
  image: ecs.ContainerImage;
  computeEnvironments: batch.OrderedComputeEnvironment[];
  executionRole: iam.IRole;
  environment: Record<string, string>;
  secrets?: Record<string, batch.Secret>;
  volumes?: batch.EcsVolume[];
  logRetention: logs.RetentionDays;
}

function retryStrategy(rule: RetryRule): batch.RetryStrategy {
  const action = rule.action === 'RETRY' ? batch.Action.RETRY : batch.Action.EXIT;
  return batch.RetryStrategy.of(
    action,
    batch.Reason.custom({ onStatusReason: rule.onStatusReason, onReason: rule.onReason, onExitCode: rule.onExitCode }),
  );
}

/** One step of a run on AWS: its job role, log group, job definition and job queue, from its job spec. */
export class StepJob extends Construct {
  readonly jobRole: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly jobDefinition: batch.EcsJobDefinition;
  readonly jobQueue: batch.JobQueue;

  constructor(scope: Construct, id: string, props: StepJobProps) {
    super(scope, id);
    const { spec } = props;

    this.jobRole = new iam.Role(this, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `What the ${spec.step} program may do on AWS`,
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/batch/${spec.jobDefinitionName}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.jobDefinition = new batch.EcsJobDefinition(this, 'JobDefinition', {
      jobDefinitionName: spec.jobDefinitionName,
      container: new batch.EcsEc2ContainerDefinition(this, 'Container', {
        image: props.image,
        cpu: ec2Vcpus(spec),
        memory: Size.mebibytes(spec.memoryMiB),
        environment: props.environment,
        secrets: props.secrets,
        volumes: props.volumes,
        jobRole: this.jobRole,
        executionRole: props.executionRole,
        // Stream names become <jobDefinitionName>/default/<taskId>, as with Batch's default group.
        logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: spec.jobDefinitionName }),
      }),
      retryAttempts: spec.retryAttempts,
      retryStrategies: spec.retryRules.map(retryStrategy),
      timeout: Duration.seconds(spec.timeoutSeconds),
      propagateTags: true,
    });

    this.jobQueue = new batch.JobQueue(this, 'JobQueue', {
      jobQueueName: spec.jobQueueName,
      priority: spec.queuePriority,
      computeEnvironments: props.computeEnvironments,
      jobStateTimeLimitActions: [
        {
          // A job no instance type can hold would otherwise wait in RUNNABLE forever.
          reason: batch.JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT,
          action: batch.JobStateTimeLimitActionsAction.CANCEL,
          maxTime: Duration.minutes(10),
        },
      ],
    });
  }
}
