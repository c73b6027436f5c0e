import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface FailureAlertsProps {
  jobQueueArns: string[];
  email?: string;
}

/** Publishes every job of the stack's queues that ends FAILED to an SNS topic. */
export class FailureAlerts extends Construct {
  readonly topic: sns.Topic;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: FailureAlertsProps) {
    super(scope, id);
    // A customer managed key: EventBridge cannot publish to a topic under the AWS managed SNS key.
    const key = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts failed-job notifications',
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true, displayName: 'framefarm failed jobs' });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    this.rule = new events.Rule(this, 'JobFailed', {
      description: 'AWS Batch jobs of this stack that ended FAILED',
      eventPattern: {
        source: ['aws.batch'],
        detailType: ['Batch Job State Change'],
        detail: {
          status: ['FAILED'],
          jobQueue: props.jobQueueArns,
          // One message per failed array (its parent fails once all children are done), not one per child.
          arrayProperties: { index: events.Match.doesNotExist() },
        },
      },
    });
    this.rule.addTarget(
      new targets.SnsTopic(this.topic, {
        retryAttempts: 5,
        maxEventAge: Duration.hours(2),
        message: events.RuleTargetInput.fromText(
          `Job ${events.EventField.fromPath('$.detail.jobName')} (${events.EventField.fromPath('$.detail.jobId')}) FAILED: ${events.EventField.fromPath('$.detail.statusReason')}`,
        ),
      }),
    );
  }
}
