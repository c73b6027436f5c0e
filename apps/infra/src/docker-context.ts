import * as path from 'node:path';
import { IgnoreMode } from 'aws-cdk-lib';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { STEPS, type StepName } from '@framefarm/job-specs';

/** The Docker build context is the repository root: the images copy the esbuild bundles from dist/. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Added after the root .dockerignore (which allows only the lock file and the three bundles), so
 * each image hashes only its own bundle: a change to render's code does not rebuild plan's image.
 * The Dockerfile is let back in because cdk-assets builds from the staged copy of the context.
 */
export function assetExcludes(step: StepName): string[] {
  return [...STEPS.filter((other) => other !== step).map((other) => `dist/apps/${other}`), `!apps/${step}/Dockerfile`];
}

/**
 * The image a step's job definition runs: the released image by digest when one is given (what the
 * release workflow built and pushed), else an asset CDK builds from the Dockerfile (a laptop deploy).
 */
export function stepImage(step: StepName, released?: { repository: ecr.IRepository; digest: string }): ecs.ContainerImage {
  if (released) return ecs.ContainerImage.fromEcrRepository(released.repository, released.digest);
  return ecs.ContainerImage.fromAsset(REPO_ROOT, {
    file: `apps/${step}/Dockerfile`,
    ignoreMode: IgnoreMode.DOCKER,
    exclude: assetExcludes(step),
    platform: Platform.LINUX_AMD64,
  });
}
