import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SketchThreadCode } from '../src/sketch-thread';
const { sketchThreadCode, bundleSketchThread } = require('../sketch-thread-code.esbuild.cjs') as {
  sketchThreadCode(options: BundleOptions): import('esbuild').Plugin;
  bundleSketchThread(options: BundleOptions): Promise<{ code: string }>;
};
type BundleOptions = { external: string[]; target: string };
// eslint-disable-next-line @nx/enforce-module-boundaries -- the job apps' shared build options live in tools/, not in a project
const { jobBundleOptions } = require('../../../tools/build/job-bundle.esbuild.cjs') as {
  jobBundleOptions(options: { plugins: import('esbuild').Plugin[] }): Pick<import('esbuild').BuildOptions, 'mainFields' | 'plugins'>;
};

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The options the render build target bundles main.ts with (same entry, same externals, the sketch
 * thread's code inside), for its esbuild target unless another is given.
 */
export function renderBundleOptions(target?: string): import('esbuild').BuildOptions {
  const project = JSON.parse(readFileSync(join(__dirname, '..', 'project.json'), 'utf8')) as { targets: { build: { options: { external: string[]; target: string } } } };
  const { external } = project.targets.build.options;
  target ??= project.targets.build.options.target;
  return {
    entryPoints: [join(__dirname, '..', 'src', 'main.ts')],
    tsconfig: join(__dirname, '..', 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target,
    external,
    logLevel: 'silent',
    // As the build target's esbuild.config.cjs: every job bundle's options, and the sketch thread's own code inside the bundle.
    ...jobBundleOptions({ plugins: [sketchThreadCode({ external, target })] }),
  };
}

/**
 * The render app bundled as its build target bundles it (same entry, same externals, the sketch
 * thread's code inside), for tests that run renderChunk in-process: their sketch thread starts
 * from this file, or from the thread's own code (threadCode) as the bundle starts it. Written under
 * node_modules/.cache so the bundle finds its external packages the way dist/ does.
 */
export async function buildRenderBundle(): Promise<{ script: string; threadCode: SketchThreadCode; remove(): void }> {
  const { build } = await import('esbuild');
  const parent = join(ROOT, 'node_modules', '.cache', 'framefarm-render-test');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'bundle-'));
  const outfile = join(dir, 'main.cjs');
  const options = renderBundleOptions('node20');
  await build({ ...options, outfile });
  const { code } = await bundleSketchThread({ external: options.external ?? [], target: 'node20' });
  // The sketch thread's own code, as the bundle starts it: its require() resolves from the bundle.
  const threadCode = { code, requireFrom: outfile };
  return { script: outfile, threadCode, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
