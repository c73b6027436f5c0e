// The render build's esbuild options beyond project.json's: the sketch thread's code inside the bundle.
'use strict';
const { sketchThreadCode } = require('./sketch-thread-code.esbuild.cjs');
const { targets } = require('./project.json');

module.exports = { plugins: [sketchThreadCode({ external: targets.build.options.external, target: targets.build.options.target })] };
