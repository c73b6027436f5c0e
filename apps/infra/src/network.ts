import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EgressMode } from './stack-props';

export interface NetworkProps {
  egress: EgressMode;
  logRetention: logs.RetentionDays;
}

/** A new VPC with the compute in private subnets; see EgressMode for the NAT/endpoint trade-off. */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly computeSubnets: ec2.SubnetSelection;
  /** Guards the interface endpoints (egress `endpoints` only); see allowEndpointsFrom. */
  private readonly endpointSecurityGroup?: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const withNat = props.egress === 'nat';
    const privateType = withNat ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED;
    const subnetConfiguration: ec2.SubnetConfiguration[] = [
      { name: 'compute', subnetType: privateType, cidrMask: 20 },
    ];
    if (withNat) subnetConfiguration.unshift({ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 });

    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'),
      maxAzs: 2,
      // One NAT gateway: a demo stack should not pay for two; an AZ outage stops new jobs, not data.
      natGateways: withNat ? 1 : 0,
      subnetConfiguration,
      restrictDefaultSecurityGroup: true,
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    this.computeSubnets = { subnetType: privateType };

    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [this.computeSubnets] });
    this.vpc.addGatewayEndpoint('DynamoDb', {
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: [this.computeSubnets],
    });

    if (!withNat) {
      const services: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
        EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
        EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
        Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
        // The ECS agent on every Batch instance registers and reports through these three.
        Ecs: ec2.InterfaceVpcEndpointAwsService.ECS,
        EcsAgent: ec2.InterfaceVpcEndpointAwsService.ECS_AGENT,
        EcsTelemetry: ec2.InterfaceVpcEndpointAwsService.ECS_TELEMETRY,
        Batch: ec2.InterfaceVpcEndpointAwsService.BATCH,
        XRay: ec2.InterfaceVpcEndpointAwsService.XRAY,
        SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
        Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      };
      this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc: this.vpc,
        description: 'Interface endpoints: HTTPS from the Batch instances only',
        allowAllOutbound: false,
      });
      for (const [name, service] of Object.entries(services)) {
        this.vpc.addInterfaceEndpoint(name, {
          service,
          subnets: this.computeSubnets,
          privateDnsEnabled: true,
          securityGroups: [this.endpointSecurityGroup],
          open: false,
        });
      }
    }
  }

  /** Lets these clients call the interface endpoints (a no-op with a NAT gateway). */
  allowEndpointsFrom(clients: ec2.ISecurityGroup): void {
    this.endpointSecurityGroup?.addIngressRule(clients, ec2.Port.tcp(443), 'AWS API calls from Batch instances');
  }
}
