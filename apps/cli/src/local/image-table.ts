import { allJobSpecs } from '@framefarm/job-specs';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { join } from 'node:path';
import { fillCodeCache, jobStartScript } from './code-cache';

/**
 * Locally, each step's image name runs that app's esbuild bundle with the Node the images run
 * (JOB_NODE_MAJOR, see jobNodeExecutable) — what the Dockerfile's
 * `ENTRYPOINT ["node", "/app/main.cjs"]` does on AWS — through bin/job-start.cjs, which hands V8 the
 * bundle's code cache (filled here, see code-cache.ts). The CLI itself runs on whatever Node started it.
 */
export function localImageTable(root: string, node: string = jobNodeExecutable()): Record<string, { entrypoint: string[]; cwd: string }> {
  return Object.fromEntries(
    allJobSpecs().map((spec) => {
      const bundle = join(root, 'dist', 'apps', spec.step, 'main.cjs');
      fillCodeCache(node, root, bundle);
      return [spec.image, { entrypoint: [node, jobStartScript(root), bundle], cwd: root }];
    }),
  );
}

/** The repository root: the launcher sets FRAMEFARM_ROOT; the bundle lives in dist/apps/cli. */
export function repoRoot(): string {
  return process.env.FRAMEFARM_ROOT ?? join(__dirname, '..', '..', '..');
}
