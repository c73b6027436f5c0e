import { RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { STEPS, type StepName } from '@framefarm/job-specs';

/** Released images a repository keeps; older ones expire (a deployed digest is among the newest). */
export const KEPT_RELEASES = 30;

/** `<prefix>/<step>`: where the release workflow pushes each app's image. */
export function imageRepositoryName(prefix: string, step: StepName): string {
  return `${prefix}/${step}`;
}

/**
 * One ECR repository per app, for the images the release workflow builds and pushes; a deploy
 * given their digests runs exactly those. Retained on `cdk destroy` (released images are the
 * record of what ran); docs/deploy.md's teardown deletes them.
 */
export class ImageRepositories extends Construct {
  readonly repositories: Record<StepName, ecr.Repository>;

  constructor(scope: Construct, id: string, props: { prefix: string }) {
    super(scope, id);
    this.repositories = Object.fromEntries(
      STEPS.map((step) => [
        step,
        new ecr.Repository(this, step, {
          repositoryName: imageRepositoryName(props.prefix, step),
          imageScanOnPush: true,
          removalPolicy: RemovalPolicy.RETAIN,
          lifecycleRules: [{ description: `Keep the last ${KEPT_RELEASES} images`, maxImageCount: KEPT_RELEASES }],
        }),
      ]),
    ) as Record<StepName, ecr.Repository>;
  }
}
