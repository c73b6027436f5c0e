import { Duration } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { InstanceLaunchTemplate } from './instance-launch-template';

export interface ComputeEnvironmentsProps {
  vpc: ec2.IVpc;
  subnets: ec2.SubnetSelection;
  instanceTypes: string[];
  maxVcpus: number;
  spot: boolean;
}

/**
 * The EC2 capacity behind every queue: Spot first when enabled, On-Demand second, so work falls
 * back to On-Demand when Spot is short (a queue places jobs in the first environment with room).
 */
export class ComputeEnvironments extends Construct {
  /** In queue order. */
  readonly ordered: batch.OrderedComputeEnvironment[];
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ComputeEnvironmentsProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: props.vpc,
      description: 'Batch compute instances: outbound only',
      allowAllOutbound: true,
    });

    const instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2ContainerServiceforEC2Role')],
    });
    Validations.of(instanceRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]',
      reason:
        'The ECS agent on Batch instances needs exactly this AWS-maintained policy; AWS updates it when the agent needs new calls. The jobs themselves use their own job roles.',
    });

    const { launchTemplate } = new InstanceLaunchTemplate(this, 'Instances');
    const common = {
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      instanceTypes: props.instanceTypes.map((type) => new ec2.InstanceType(type)),
      useOptimalInstanceClasses: false,
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023 }],
      instanceRole,
      launchTemplate,
      minvCpus: 0,
      maxvCpus: props.maxVcpus,
      updateTimeout: Duration.minutes(30),
      replaceComputeEnvironment: false,
    } satisfies Partial<batch.ManagedEc2EcsComputeEnvironmentProps>;

    const onDemand = new batch.ManagedEc2EcsComputeEnvironment(this, 'OnDemand', {
      ...common,
      spot: false,
      allocationStrategy: batch.AllocationStrategy.BEST_FIT_PROGRESSIVE,
    });
    if (!props.spot) {
      this.ordered = [{ computeEnvironment: onDemand, order: 1 }];
      return;
    }
    const spot = new batch.ManagedEc2EcsComputeEnvironment(this, 'Spot', {
      ...common,
      spot: true,
      allocationStrategy: batch.AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED,
    });
    this.ordered = [
      { computeEnvironment: spot, order: 1 },
      { computeEnvironment: onDemand, order: 2 },
    ];
  }
}
