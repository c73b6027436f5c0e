import { RemovalPolicy } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface SharedScratchProps {
  vpc: ec2.IVpc;
  subnets: ec2.SubnetSelection;
  /** Security group of the Batch instances that mount it. */
  clients: ec2.ISecurityGroup;
}

/** The uid/gid of the `node` user the images run as. */
const JOB_USER = '1000';
export const SCRATCH_PATH = '/scratch';

/** An EFS file system every job mounts at /scratch, for data the steps share beyond S3. */
export class SharedScratch extends Construct {
  readonly fileSystem: efs.FileSystem;
  readonly accessPoint: efs.AccessPoint;

  constructor(scope: Construct, id: string, props: SharedScratchProps) {
    super(scope, id);
    this.fileSystem = new efs.FileSystem(this, 'FileSystem', {
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      encrypted: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      throughputMode: efs.ThroughputMode.ELASTIC,
      // Scratch: files nobody touched for a week move to the cheaper class.
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_7_DAYS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fileSystem.connections.allowDefaultPortFrom(props.clients, 'Batch jobs mount the scratch file system');
    this.accessPoint = this.fileSystem.addAccessPoint('Jobs', {
      path: '/framefarm',
      createAcl: { ownerUid: JOB_USER, ownerGid: JOB_USER, permissions: '750' },
      posixUser: { uid: JOB_USER, gid: JOB_USER },
    });
  }

  volume(): batch.EcsVolume {
    return batch.EcsVolume.efs({
      name: 'scratch',
      containerPath: SCRATCH_PATH,
      fileSystem: this.fileSystem,
      accessPointId: this.accessPoint.accessPointId,
      enableTransitEncryption: true,
      useJobRole: true,
    });
  }

  grantMount(role: iam.IRole): void {
    this.fileSystem.grant(role, 'elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite');
  }
}
