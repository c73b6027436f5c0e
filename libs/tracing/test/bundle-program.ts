import { join, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = resolve(__dirname, '../../..');

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
  });
  return bundle;
}
