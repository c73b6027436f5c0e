import { join, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = resolve(__dirname, '../../..');
// eslint-disable-next-line @nx/enforce-module-boundaries -- the job apps' shared build options live in tools/, not in a project
const { jobBundleOptions } = require('../../../tools/build/job-bundle.esbuild.cjs') as {
  jobBundleOptions(): Pick<import('esbuild').BuildOptions, 'mainFields' | 'plugins'>;
};

/** Bundles a TypeScript program the way the job programs are built: esbuild, CJS, dependencies inlined. */
export async function bundleProgram(dir: string, source: string): Promise<string> {
  const entry = join(dir, 'program.ts');
  const bundle = join(dir, 'program.cjs');
  await writeFile(entry, source);
  await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: join(root, 'tsconfig.base.json'),
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'silent',
    ...jobBundleOptions(),
  });
  return bundle;
}
