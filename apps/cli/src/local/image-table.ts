import { allJobSpecs } from '@framefarm/job-specs';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { join } from 'node:path';

/**
 * Locally, each step's image name runs that app's esbuild bundle with the Node the images run
 * (JOB_NODE_MAJOR, see jobNodeExecutable) — what the Dockerfile's
 * `ENTRYPOINT ["node", "/app/main.cjs"]` does on AWS. The CLI itself runs on whatever Node started it.
 */
export function localImageTable(root: string, node: string = jobNodeExecutable()): Record<string, { entrypoint: string[]; cwd: string }> {
  return Object.fromEntries(
    allJobSpecs().map((spec) => [spec.image, { entrypoint: [node, join(root, 'dist', 'apps', spec.step, 'main.cjs')], cwd: root }]),
  );
}

/** The repository root: the launcher sets FRAMEFARM_ROOT; the bundle lives in dist/apps/cli. */
export function repoRoot(): string {
  return process.env.FRAMEFARM_ROOT ?? join(__dirname, '..', '..', '..');
}
