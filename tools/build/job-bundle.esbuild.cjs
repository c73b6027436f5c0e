// How the three job programs (plan, render, encode) are bundled beyond their project.json options.
// Used by their build targets (esbuild.config.cjs in each app) and by the tests that bundle a job
// program themselves, so that what the tests run is what the images ship.
'use strict';
const { asciiCommentsPlugin } = require('./ascii-comments.esbuild.cjs');
const { zodEnglishOnly } = require('./zod-english-only.esbuild.cjs');

/**
 * Packages' ES module builds before their CommonJS ones. esbuild leaves out what a job never
 * imports only from ES modules; the CommonJS builds of the AWS SDK, Smithy and OpenTelemetry come
 * whole. Every job starts by loading its bundle, so the bytes count: the plan bundle is 2.2 MB
 * instead of 3.5 MB, and a plan job starts on about two thirds of the CPU (tools/bench/findings.ts).
 */
const MAIN_FIELDS = ['module', 'main'];

/**
 * `import()` becomes `require()`. The packages' ES module builds load Node's modules with
 * `await import('node:http')`, for which Node builds a namespace of every export of `node:http`,
 * reading its lazy `WebSocket` and so loading undici: on Node 24, 71–74 ms of CPU against about
 * 5 ms for `require('node:http')`.
 */
const SUPPORTED = { 'dynamic-import': false };

/**
 * The esbuild options every job bundle adds to its project.json options. The bundles come out in
 * ASCII (see ascii-comments.esbuild.cjs), so Node holds their source in one byte a character, and
 * with zod's English messages only (zod-english-only.esbuild.cjs).
 */
function jobBundleOptions({ plugins = [] } = {}) {
  return { mainFields: MAIN_FIELDS, supported: SUPPORTED, plugins: [zodEnglishOnly(), asciiCommentsPlugin(), ...plugins] };
}

module.exports = { jobBundleOptions };
