import { buildSync } from 'esbuild';
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';

export const ROOT = resolve(__dirname, '..', '..');
export const CIRCLES = join(__dirname, 'circles.ts');
/** A user sketch from the sketch library's tests: one that framefarm was not tuned to. */
export const USER_SKETCH = join(ROOT, 'libs', 'sketch', 'test', 'fixtures', 'ripples.ts');
export const BUILTINS = ['aurora', 'flow-field', 'truchet'];

export interface BenchSketch {
  /** What `framefarm run --sketch` gets: a built-in name or a file. */
  name: string;
  label: string;
  /** The sketch bundled to CommonJS, for the hand-written baselines. */
  bundle: string;
}

const builtinExport = (name: string): string => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** Bundles a sketch for baseline.cjs: a file as it is, a built-in through a one-line entry. */
export function bundleSketch(name: string, dir: string): BenchSketch {
  const outfile = join(dir, `${name.replace(/[^\w-]/g, '_')}.cjs`);
  const isBuiltin = BUILTINS.includes(name);
  const entry = isBuiltin ? join(dir, `${name}-entry.ts`) : name;
  if (isBuiltin) {
    writeFileSync(entry, `export { ${builtinExport(name)} as default } from ${JSON.stringify(join(ROOT, 'libs', 'sketch', 'src', 'builtins', name))};\n`);
  }
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['@napi-rs/canvas'], logLevel: 'error' });
  const label = isBuiltin ? name : name === CIRCLES ? 'circles (300)' : `user: ${name.split('/').pop()}`;
  return { name, label, bundle: outfile };
}
