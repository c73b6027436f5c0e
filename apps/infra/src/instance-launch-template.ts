import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * The launch template of the Batch instances: it keeps the jobs away from the instance role.
 * Render runs uploaded sketch code; without this, that code could ask the instance metadata
 * service for the credentials of the ECS instance role. IMDSv2 only (a PUT for a session token
 * first) with a response hop limit of 1: the token's reply dies at the first network hop, and a
 * job container on Batch's default bridge network is one hop behind the host. The ECS agent runs
 * with host networking and keeps its access; jobs get their own job role from the ECS credentials
 * endpoint, which this does not touch.
 */
export class InstanceLaunchTemplate extends Construct {
  static readonly HOP_LIMIT = 1;
  readonly launchTemplate: ec2.LaunchTemplate;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      httpEndpoint: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: InstanceLaunchTemplate.HOP_LIMIT,
      requireImdsv2: true,
    });
  }
}
