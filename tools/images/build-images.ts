import { STEPS, type StepName } from '@framefarm/job-specs';
import { join } from 'node:path';
import { buildah } from './buildah';

export const REPO_ROOT = join(__dirname, '..', '..');
export const imageName = (step: StepName): string => `localhost/framefarm/${step}:stand-in`;

/**
 * Builds each app's Dockerfile from the repository root (its .dockerignore applies) on the
 * stand-in base, with the build's own checks (`node --check`, the native canvas module loading,
 * ffmpeg and ffprobe running) as RUN steps of the Dockerfile. `--layers` caches each step, so an
 * unchanged lock file does not install the native packages again.
 */
export async function buildImages(base: string, log: (line: string) => void): Promise<Record<StepName, string>> {
  const images = {} as Record<StepName, string>;
  for (const step of STEPS) {
    const started = Date.now();
    await buildah(['bud', '--layers', '--pull-never', '--build-arg', `NODE_IMAGE=${base}`, '-f', `apps/${step}/Dockerfile`, '-t', imageName(step), '.'], { cwd: REPO_ROOT });
    log(`built ${imageName(step)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    images[step] = imageName(step);
  }
  return images;
}
