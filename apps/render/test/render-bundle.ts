import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The render app bundled as its build target bundles it (same entry, same externals), for tests
 * that run renderChunk in-process: its sketch thread starts from this file. Written under
 * node_modules/.cache so the bundle finds its external packages the way dist/ does.
 */
export async function buildRenderBundle(): Promise<{ script: string; remove(): void }> {
  const { build } = await import('esbuild');
  const project = JSON.parse(readFileSync(join(__dirname, '..', 'project.json'), 'utf8')) as { targets: { build: { options: { external: string[] } } } };
  const parent = join(ROOT, 'node_modules', '.cache', 'framefarm-render-test');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'bundle-'));
  const outfile = join(dir, 'main.cjs');
  await build({
    entryPoints: [join(__dirname, '..', 'src', 'main.ts')],
    tsconfig: join(__dirname, '..', 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: project.targets.build.options.external,
    outfile,
    logLevel: 'silent',
  });
  return { script: outfile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
