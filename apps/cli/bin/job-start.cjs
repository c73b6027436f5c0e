// Starts a job bundle locally: `node job-start.cjs <bundle> [args…]` runs <bundle> as `node <bundle>`
// would, but hands V8 the code cache the CLI filled for it (<bundle>.v8cache, see
// apps/cli/src/local/code-cache.ts), so the job skips compiling the 1.5 MB bundle's start-up code.
//
// The cache is compiled machine code, so it is only ever written by the CLI (the trusted side),
// never from here: a job (sandboxed, with its own IAM role) has no path to write a cache that
// another job would load. The cache starts with the CRC-32 and length of the bundle it was made
// from; for any other bundle it is ignored, and V8 rejects it for another V8 version or flags.
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const Module = require('node:module');
const { createServer } = require('node:net');
const { dirname, resolve } = require('node:path');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const HEADER_BYTES = 8;

/** The 8 bytes a cache for this bundle starts with: CRC-32 and length of the bundle's bytes. */
function cacheHeader(source) {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(crc32(source), 0);
  header.writeUInt32LE(source.length, 4);
  return header;
}

function compile(bundle, source, cachedData) {
  const options = { filename: bundle, cachedData };
  // The job bundles turn import() into require() (tools/build); any import() left resolves as in any CommonJS module.
  if (vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) options.importModuleDynamically = vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  return new vm.Script(Module.wrap(source.toString('utf8')), options);
}

/** Runs the compiled bundle as the main CommonJS module, as `node <bundle>` does. */
function run(bundle, script) {
  const mod = new Module(bundle, null);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(dirname(bundle));
  process.mainModule = mod;
  const require = Module.createRequire(bundle);
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, bundle, dirname(bundle));
  mod.loaded = true;
}

/** The cache's V8 data if it was made from exactly these bytes; otherwise nothing (compile as usual). */
function cachedDataFor(bundle, source) {
  let cache;
  try {
    cache = readFileSync(`${bundle}.v8cache`);
  } catch {
    return undefined;
  }
  return cache.length > HEADER_BYTES && cache.subarray(0, HEADER_BYTES).equals(cacheHeader(source)) ? cache.subarray(HEADER_BYTES) : undefined;
}

/**
 * For the CLI only (`node -e 'require(…).fill(bundle)'`, with a whole job's environment, see
 * apps/cli/src/local/code-cache.ts): runs the bundle once and writes what V8 compiled by the time
 * the process exits. The job gets past its checks, builds its clients and sends its first request,
 * to a port here that closes every connection at once: that request fails, nothing is retried, and
 * the job stops, having compiled much of what a job compiles in a run, not only its start.
 */
function fill(bundle) {
  const source = readFileSync(bundle);
  const script = compile(bundle, source, undefined);
  const closesEveryConnection = createServer((socket) => socket.destroy());
  closesEveryConnection.listen(0, '127.0.0.1', () => {
    closesEveryConnection.unref();
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${closesEveryConnection.address().port}`;
    process.env.AWS_MAX_ATTEMPTS = '1';
    process.on('exit', () => {
      const temporary = `${bundle}.v8cache.${process.pid}`;
      writeFileSync(temporary, Buffer.concat([cacheHeader(source), script.createCachedData()]));
      renameSync(temporary, `${bundle}.v8cache`);
    });
    process.argv.splice(1, process.argv.length - 1, bundle);
    run(bundle, script);
  });
}

if (require.main === module) {
  const bundle = process.argv[2] && resolve(process.argv[2]);
  if (!bundle) {
    process.stderr.write('usage: node job-start.cjs <bundle> [args…]\n');
    process.exit(2);
  }
  const source = readFileSync(bundle);
  process.argv.splice(1, 2, bundle);
  // So a job can start its worker threads through this loader too (the render job's sketch thread).
  process.env.FRAMEFARM_JOB_LOADER = __filename;
  run(bundle, compile(bundle, source, cachedDataFor(bundle, source)));
} else {
  module.exports = { fill, cacheHeader, HEADER_BYTES };
}
