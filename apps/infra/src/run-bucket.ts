import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { INTERMEDIATE_OBJECT_TAG } from '@framefarm/job-specs';

export interface RunBucketProps {
  chunkRetentionDays: number;
}

/** Run manifests, chunk segments and the finished videos (key layout: libs/run-store keys.ts). */
export class RunBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: RunBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The videos are the product: deleting the stack leaves them (docs/deploy.md shows how to empty and remove it).
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-intermediate-chunks',
          // runs/<runId>/chunks/ has the run id in the middle, which a prefix filter cannot match.
          tagFilters: { [INTERMEDIATE_OBJECT_TAG.key]: INTERMEDIATE_OBJECT_TAG.value },
          expiration: Duration.days(props.chunkRetentionDays),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket that itself goes unlogged; object-level audit is left to CloudTrail data events, which an account-wide trail can enable.',
    });
  }
}
