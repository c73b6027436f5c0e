import * as path from 'node:path';
import { IgnoreMode } from 'aws-cdk-lib';
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

export function stepImage(step: StepName): ecs.ContainerImage {
  return ecs.ContainerImage.fromAsset(REPO_ROOT, {
    file: `apps/${step}/Dockerfile`,
    ignoreMode: IgnoreMode.DOCKER,
    exclude: assetExcludes(step),
    platform: Platform.LINUX_AMD64,
  });
}
