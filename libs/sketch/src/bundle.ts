import { access } from 'node:fs/promises';
import { SketchBundleError } from './errors';

/**
 * Bundles a user's sketch (TypeScript or JavaScript, with its imports) into one CommonJS file.
 * @napi-rs/canvas stays external: the render job provides it. The bundle carries an inline source
 * map (positions only, no sources), so errors name the user's files, relative to the working
 * directory, with their lines and columns.
 */
export async function bundleSketch(path: string): Promise<string> {
  try {
    await access(path);
  } catch {
    throw new SketchBundleError(`sketch file ${path} does not exist: pass the path of a .ts or .js file that exports draw(ctx, frame)`);
  }
  // Loaded on demand: the render job loads sketches but never bundles, and ships without esbuild.
  // require, not import(): a dynamic import of the CommonJS package goes through the ES module
  // loader, which scans esbuild's whole main file for its export names on every CLI start.
  const { build } = require('esbuild') as typeof import('esbuild');
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['@napi-rs/canvas'],
      write: false,
      logLevel: 'silent',
      sourcemap: 'inline',
      sourcesContent: false,
      // Not written: it only makes the map's source paths relative to the working directory.
      outfile: 'sketch.cjs',
      absWorkingDir: process.cwd(),
    });
    return result.outputFiles[0].text;
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors ?? [];
    const details = errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join('; ');
    throw new SketchBundleError(`could not bundle sketch ${path}: ${details || (error as Error).message}`);
  }
}
