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
}

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

  /** Installs the hook in a fresh Node, requires `file`, and reports what it exported and what the cache did. */
  const load = (file: string, cache = true): Outcome => {
    const driver = `
      const cache = ${cache} ? require(${JSON.stringify(hook)}).installModuleCompileCache(${JSON.stringify(cacheFile)}) : { stats: {} };
      let result, error;
      try { result = require(${JSON.stringify(file)}); } catch (e) { error = { name: e.name, message: e.message }; }
      console.log(JSON.stringify({ result, error, ...cache.stats }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', driver], { encoding: 'utf8' })) as Outcome;
  };

  it('runs modules as Node does, writes the cache only for this user, and compiles from it next time', () => {
    const expected = { value: 'first', where: [lib, join(dir, 'node_modules', 'lib')], resolved: lib, self: true };
    const first = load(main);
    expect(first).toEqual({ result: expected, hits: 0, misses: 2 });
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect([...readModuleCache(cacheFile).keys()].sort()).toEqual([lib, main].sort());

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
    expect(readModuleCache(cacheFile).size).toBe(0);
    expect(load(main)).toMatchObject({ result: { value: 'first' }, hits: 0, misses: 2 });
  });

  it('ignores a damaged cache', () => {
    writeFileSync(cacheFile, 'not a cache', { mode: 0o600 });
    expect(load(main)).toMatchObject({ result: { value: 'first' }, hits: 0, misses: 2 });
  });

  it('leaves syntax errors and dynamic import() to Node', () => {
    writeFileSync(lib, 'exports.value = ;\n');
    const plain = load(lib, false);
    expect(plain.error?.name).toBe('SyntaxError');
    expect(load(lib)).toEqual({ error: plain.error, hits: 0, misses: 0 });

    writeFileSync(lib, "exports.value = 'dynamic'; exports.load = () => import('node:path');\n");
    expect(load(lib)).toEqual({ result: { value: 'dynamic' }, hits: 0, misses: 0 });
  });
});
