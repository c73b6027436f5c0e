// The render build's esbuild options beyond project.json's: those of every job bundle, and the
// sketch thread's code inside the bundle.
'use strict';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the job apps' shared build options live in tools/, not in a project
const { jobBundleOptions } = require('../../tools/build/job-bundle.esbuild.cjs');
const { sketchThreadCode } = require('./sketch-thread-code.esbuild.cjs');
const { targets } = require('./project.json');

module.exports = jobBundleOptions({ plugins: [sketchThreadCode({ external: targets.build.options.external, target: targets.build.options.target })] });
