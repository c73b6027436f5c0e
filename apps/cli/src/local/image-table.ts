import { allJobSpecs } from '@framefarm/job-specs';
import { join } from 'node:path';

/**
 * Locally, each step's image name runs that app's esbuild bundle with this Node — what the
 * Dockerfile's `ENTRYPOINT ["node", "/app/main.cjs"]` does on AWS.
 */
export function localImageTable(root: string): Record<string, { entrypoint: string[]; cwd: string }> {
  return Object.fromEntries(
    allJobSpecs().map((spec) => [spec.image, { entrypoint: [process.execPath, join(root, 'dist', 'apps', spec.step, 'main.cjs')], cwd: root }]),
  );
}

/** The repository root: the launcher sets FRAMEFARM_ROOT; the bundle lives in dist/apps/cli. */
export function repoRoot(): string {
  return process.env.FRAMEFARM_ROOT ?? join(__dirname, '..', '..', '..');
}
