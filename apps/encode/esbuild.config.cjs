// The build's esbuild options beyond project.json's: those of every job bundle.
'use strict';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the job apps' shared build options live in tools/, not in a project
const { jobBundleOptions } = require('../../tools/build/job-bundle.esbuild.cjs');

module.exports = jobBundleOptions();
