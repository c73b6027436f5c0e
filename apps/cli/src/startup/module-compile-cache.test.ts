import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { readModuleCache } from './module-compile-cache';

interface Outcome {
  result?: unknown;
  error?: { name: string; message: string };
  hits: number;
  misses: number;
  resolvedFromCache?: number;
  resolvedByNode?: number;
}

/** A function whose compiled code makes a module's cache data visibly larger once it has been called. */
const LARGE_FUNCTION = `() => { let sum = 0; ${Array.from({ length: 200 }, (_, i) => `sum += ${i} * Math.sqrt(${i});`).join(' ')} return sum; }`;

// jest runs modules through its own loader, not Node's `_compile`; so each case loads modules in
// a real Node process, with the hook built from this source by esbuild.
describe('the CLI keeps a V8 code cache of the modules it loads', () => {
  let hookDir: string;
  let hook: string;
  let dir: string;
  let cacheFile: string;
  let lib: string;
  let main: string;

  beforeAll(() => {
    hookDir = mkdtempSync(join(tmpdir(), 'ff-module-cache-hook-'));
    hook = join(hookDir, 'hook.cjs');
    buildSync({ entryPoints: [join(__dirname, 'module-compile-cache.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: hook, logLevel: 'silent' });
  });
  afterAll(() => rmSync(hookDir, { recursive: true, force: true }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ff-module-cache-'));
    cacheFile = join(dir, 'main.cjs.modules.v8cache');
    mkdirSync(join(dir, 'node_modules', 'lib'), { recursive: true });
    lib = join(dir, 'node_modules', 'lib', 'index.js');
    main = join(dir, 'main.js');
    writeFileSync(lib, "exports.value = 'first'; exports.where = [__filename, __dirname];\n");
    writeFileSync(
      main,
      "const lib = require('lib'); module.exports = { value: lib.value, where: lib.where, resolved: require.resolve('lib'), self: module.exports === this };\n",
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Installs the hook in a fresh Node, requires `file` (then calls its export `run`, if it has one),
   * and reports what it exported and what the cache did. Without a stamp, resolutions are not kept.
   */
  const load = (file: string, options: { cache?: boolean; resolutionStamp?: string; command?: string } = {}): Outcome => {
    const { cache = true, resolutionStamp, command } = options;
    const driver = `
      const cache = ${cache} ? require(${JSON.stringify(hook)}).installModuleCompileCache(${JSON.stringify(cacheFile)}, ${JSON.stringify({ resolutionStamp, command })}) : { stats: {} };
      let result, error;
      try { result = require(${JSON.stringify(file)}); if (typeof result.run === 'function') result = result.run(); } catch (e) { error = { name: e.name, message: e.message }; }
      const { resolvedFromCache, resolvedByNode, ...stats } = cache.stats;
      console.log(JSON.stringify({ result, error, ...stats, ...(${JSON.stringify(resolutionStamp !== undefined)} ? { resolvedFromCache, resolvedByNode } : {}) }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', driver], { encoding: 'utf8' })) as Outcome;
  };

  it('runs modules as Node does, writes the cache only for this user, and compiles from it next time', () => {
    const expected = { value: 'first', where: [lib, join(dir, 'node_modules', 'lib')], resolved: lib, self: true };
    const first = load(main);
    expect(first).toEqual({ result: expected, hits: 0, misses: 2 });
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect([...readModuleCache(cacheFile).entries.keys()].sort()).toEqual([lib, main].sort());

    const second = load(main);
    expect(second).toEqual({ result: expected, hits: 2, misses: 0 });
  });

  it('compiles a changed file afresh even when its length is the same', () => {
    load(main);
    writeFileSync(lib, readFileSync(lib, 'utf8').replace('first', 'other'));
    const again = load(main);
    expect(again).toMatchObject({ result: { value: 'other' }, hits: 1, misses: 1 });
    // The fresh data replaced the stale entry.
    expect(load(main)).toMatchObject({ result: { value: 'other' }, hits: 2, misses: 0 });
  });

  it('ignores a cache that others can write', () => {
    load(main);
    chmodSync(cacheFile, 0o666);
    expect(readModuleCache(cacheFile).entries.size).toBe(0);
    expect(load(main)).toMatchObject({ result: { value: 'first' }, hits: 0, misses: 2 });
  });

  it('ignores a damaged cache', () => {
    writeFileSync(cacheFile, 'not a cache', { mode: 0o600 });
    expect(load(main)).toMatchObject({ result: { value: 'first' }, hits: 0, misses: 2 });
  });

  it('leaves syntax errors and dynamic import() to Node', () => {
    writeFileSync(lib, 'exports.value = ;\n');
    const plain = load(lib, { cache: false });
    expect(plain.error?.name).toBe('SyntaxError');
    expect(load(lib)).toEqual({ error: plain.error, hits: 0, misses: 0 });

    writeFileSync(lib, "exports.value = 'dynamic'; exports.load = () => import('node:path');\n");
    expect(load(lib)).toEqual({ result: { value: 'dynamic' }, hits: 0, misses: 0 });
  });

  it('keeps the functions the process called, compiled, in the data it saves on exit', () => {
    // Two copies of a module with one large function; only the first process calls it.
    const body = `exports.run = ${LARGE_FUNCTION};\n`;
    const called = join(dir, 'node_modules', 'lib', 'called.js');
    const notCalled = join(dir, 'node_modules', 'lib', 'not-called.js');
    writeFileSync(called, body);
    writeFileSync(notCalled, body.replace('exports.run', 'exports.later'));
    const ran = load(called);
    expect(typeof ran.result).toBe('number');
    load(notCalled);
    const { entries } = readModuleCache(cacheFile);
    expect(entries.get(called)!.data.length).toBeGreaterThan(entries.get(notCalled)!.data.length + 1000);
    // And the next process runs it from that data.
    expect(load(called)).toEqual({ result: ran.result, hits: 1, misses: 0 });
  });

  it("saves the data of every file the first process of each command used, so each command's functions are kept", () => {
    writeFileSync(lib, `exports.value = 'first'; exports.compute = ${LARGE_FUNCTION};\n`);
    const caller = join(dir, 'caller.js');
    writeFileSync(caller, "exports.run = () => require('lib').compute();\n");
    const size = () => readModuleCache(cacheFile).entries.get(lib)!.data.length;
    const written = () => statSync(cacheFile).mtimeMs;

    load(lib, { command: 'help' }); // loads lib, calls nothing
    const helpSize = size();
    load(main, { command: 'help' }); // a miss (main.js) saves, but lib's data stays as it was
    expect(size()).toBe(helpSize);

    // `run` hits every file it loads, but as the first `run` it saves them all, with the function it called.
    expect(load(caller, { command: 'run' })).toMatchObject({ hits: 1, misses: 1 });
    expect(size()).toBeGreaterThan(helpSize + 1000);
    expect(readModuleCache(cacheFile).warmedBy).toEqual(new Set(['help', 'run']));

    // The next `run` finds everything and writes nothing.
    const before = written();
    expect(load(caller, { command: 'run' })).toMatchObject({ hits: 2, misses: 0 });
    expect(written()).toBe(before);
  });

  it('resolves requires from the cache while the stamp is unchanged, and by Node again when it changes', () => {
    const expected = { value: 'first', where: [lib, join(dir, 'node_modules', 'lib')], resolved: lib, self: true };
    // Three resolutions: main.js from the driver, then `require('lib')` and `require.resolve('lib')` from main.js (the same key).
    expect(load(main, { resolutionStamp: 'install-1' })).toEqual({ result: expected, hits: 0, misses: 2, resolvedFromCache: 1, resolvedByNode: 2 });
    expect(load(main, { resolutionStamp: 'install-1' })).toEqual({ result: expected, hits: 2, misses: 0, resolvedFromCache: 3, resolvedByNode: 0 });

    // A new install moves the package's entry point: a new stamp, so Node resolves it afresh.
    const moved = join(dir, 'node_modules', 'lib', 'moved.js');
    writeFileSync(moved, "exports.value = 'moved'; exports.where = [__filename, __dirname];\n");
    writeFileSync(join(dir, 'node_modules', 'lib', 'package.json'), JSON.stringify({ main: 'moved.js' }));
    expect(load(main, { resolutionStamp: 'install-2' })).toMatchObject({ result: { value: 'moved', resolved: moved }, resolvedFromCache: 1, resolvedByNode: 2 });
    expect(load(main, { resolutionStamp: 'install-2' })).toMatchObject({ result: { value: 'moved', resolved: moved }, resolvedFromCache: 3, resolvedByNode: 0 });
    // Without a stamp nothing is kept or used.
    expect(load(main)).toEqual({ result: { value: 'moved', where: [moved, join(dir, 'node_modules', 'lib')], resolved: moved, self: true }, hits: 2, misses: 0 });
  });

  it('leaves a require that fails to Node each time', () => {
    writeFileSync(main, "try { require('missing'); } catch (e) { module.exports = { code: e.code }; }\n");
    // Only main.js itself (required by the driver) is kept.
    expect(load(main, { resolutionStamp: 'install-1' })).toMatchObject({ result: { code: 'MODULE_NOT_FOUND' }, resolvedFromCache: 0, resolvedByNode: 1 });
    expect(load(main, { resolutionStamp: 'install-1' })).toMatchObject({ result: { code: 'MODULE_NOT_FOUND' }, resolvedFromCache: 1, resolvedByNode: 0 });
  });
});
