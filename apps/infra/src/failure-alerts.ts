import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
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

/** Batch's status reason for a job that failed only because a job it depends on failed. */
export const DEPENDENT_JOB_FAILED = 'Dependent Job failed';

/** Days a deleted stack's topic key waits before AWS KMS deletes it (the shortest KMS allows). */
export const KEY_DELETION_WINDOW_DAYS = 7;

/**
 * Publishes every job of the stack's queues that ends FAILED to an SNS topic, once per failure:
 * not for each child of a failed array, and not for the jobs that fail only because they depended
 * on it (a failed render array would otherwise also fail encode and send a second message).
 * EventBridge may publish only for this stack's rule in this account.
 */
export class FailureAlerts extends Construct {
  readonly topic: sns.Topic;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: FailureAlertsProps) {
    super(scope, id);
    // A customer managed key: EventBridge cannot publish to a topic under the AWS managed SNS key.
    // The key protects messages in flight only, so nothing is lost with it: `cdk destroy` schedules
    // its deletion instead of leaving a key that costs 1 USD a month forever.
    const key = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts failed-job notifications',
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(KEY_DELETION_WINDOW_DAYS),
    });
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: fromThisAccount,
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
          // The failure itself, not the jobs that failed because they depended on it.
          statusReason: events.Match.anythingButPrefix(DEPENDENT_JOB_FAILED),
        },
      },
    });
    // The target's own grant would trust EventBridge as a whole; this one trusts this rule only.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ...fromThisAccount, ArnEquals: { 'aws:SourceArn': this.rule.ruleArn } },
      }),
    );
    // An imported reference: the target adds no policy of its own to it.
    const target = sns.Topic.fromTopicArn(this, 'TopicTarget', this.topic.topicArn);
    this.rule.addTarget(
      new targets.SnsTopic(target, {
        retryAttempts: 5,
        maxEventAge: Duration.hours(2),
        message: events.RuleTargetInput.fromText(
          `Job ${events.EventField.fromPath('$.detail.jobName')} (${events.EventField.fromPath('$.detail.jobId')}) FAILED: ${events.EventField.fromPath('$.detail.statusReason')}`,
        ),
      }),
    );
  }
}
