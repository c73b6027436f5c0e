// An esbuild plugin for the job bundles: zod's `locales`, the error messages of 40 languages, come
// with English only. zod speaks English unless told otherwise (`z.config(z.locales.xx())`), which
// no job does; the other 39 were 340 KB of every bundle, read at every job start.
'use strict';
const { dirname, join } = require('node:path');

const NAMESPACE = 'zod-english-only';

function zodEnglishOnly() {
  return {
    name: NAMESPACE,
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(importer)
          ? { path: 'zod/locales/index.js', namespace: NAMESPACE, pluginData: { localesDir: join(dirname(importer), '..', 'locales') } }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, ({ pluginData }) => ({
        contents: 'export { default as en } from "./en.js";\n',
        resolveDir: pluginData.localesDir,
        loader: 'js',
      }));
    },
  };
}

module.exports = { zodEnglishOnly };
