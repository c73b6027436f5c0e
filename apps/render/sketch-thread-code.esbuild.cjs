// An esbuild plugin for the render bundle: bundles the sketch thread's entry on its own and puts
// the code into src/sketch-thread-code.ts, so the one file the image ships (main.cjs) carries it.
// Used by the build target (esbuild.config.cjs) and by the tests' bundle (test/render-bundle.ts).
'use strict';
const { join } = require('node:path');

const ENTRY = join(__dirname, 'src', 'sketch-thread-entry.ts');
const TSCONFIG = join(__dirname, 'tsconfig.json');

/**
 * The sketch thread's bundle: its code and the files it was made from.
 * @param {{ external: string[], target: string }} options the render bundle's own
 * @returns {Promise<{ code: string, inputs: string[] }>}
 */
async function bundleSketchThread({ external, target }) {
  const { build } = require('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    tsconfig: TSCONFIG,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target,
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs).map((input) => join(process.cwd(), input)) };
}

/** @param {{ external: string[], target: string }} options the render bundle's own */
function sketchThreadCode(options) {
  return {
    name: 'sketch-thread-code',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]sketch-thread-code\.ts$/ }, async () => {
        const { code, inputs } = await bundleSketchThread(options);
        return { contents: `export const SKETCH_THREAD_CODE: string | undefined = ${JSON.stringify(code)};\n`, loader: 'ts', watchFiles: inputs };
      });
    },
  };
}

module.exports = { sketchThreadCode, bundleSketchThread };
