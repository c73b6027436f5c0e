import { closeSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/**
 * A V8 code cache for the modules the CLI loads from node_modules (the bundle keeps them external):
 * compiling ~900 files on every start was the largest fixed CPU cost of a `framefarm run`. Node 22
 * has `module.enableCompileCache`; Node 20, which runs the CLI, does not, so this hooks
 * `Module.prototype._compile` the way the `v8-compile-cache` package does.
 *
 * Security: the cache is compiled code that this process runs. It lives next to the CLI bundle
 * (dist/, the user's own checkout), never in a shared directory such as /tmp; it is written only
 * here, by the CLI, with mode 0600 and an atomic rename; it is read only if it belongs to this user
 * and no one else can write it (jobs run as sandboxed processes that have no reason, and in the
 * sandbox no way, to write into dist/). Each entry carries the CRC-32 and length of the source it
 * was compiled from, so a changed file is compiled afresh, and V8 itself rejects data from another
 * V8 version or other flags.
 */

const MAGIC = 'framefarm-module-cache-1';
/** Entries of files this process did not load are kept (other commands load other files) up to this size. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

interface Entry {
  readonly crc: number;
  readonly length: number;
  readonly data: Buffer;
}

interface Index {
  readonly magic: string;
  /** V8 rejects another version's data anyway; a mismatch here just skips the lookups. */
  readonly runtime: string;
  readonly entries: ReadonlyArray<readonly [filename: string, crc: number, length: number, offset: number, size: number]>;
}

export interface ModuleCompileCache {
  /** Modules compiled from the cache / compiled afresh (then saved on exit). */
  readonly stats: { hits: number; misses: number };
  /** Writes the cache if this process compiled anything afresh (runs on exit by itself). */
  save(): void;
  /** Restores Node's own `_compile` (for tests). */
  uninstall(): void;
}

const runtime = (): string => `${process.version} ${process.arch} ${process.versions.v8}`;

/** The cache's entries, or none when it is missing, not this user's own, writable by others, or made by another runtime. */
export function readModuleCache(cacheFile: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    const fd = openSync(cacheFile, 'r');
    try {
      const stat = fstatSync(fd);
      const owner = process.getuid?.();
      if ((owner !== undefined && stat.uid !== owner) || (stat.mode & 0o022) !== 0) return entries;
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return entries;
  }
  try {
    const indexLength = bytes.readUInt32LE(0);
    const index = JSON.parse(bytes.subarray(4, 4 + indexLength).toString('utf8')) as Index;
    if (index.magic !== MAGIC || index.runtime !== runtime()) return entries;
    const base = 4 + indexLength;
    for (const [filename, crc, length, offset, size] of index.entries) {
      if (base + offset + size > bytes.length) return new Map();
      entries.set(filename, { crc, length, data: bytes.subarray(base + offset, base + offset + size) });
    }
  } catch {
    return new Map();
  }
  return entries;
}

function writeModuleCache(cacheFile: string, entries: Map<string, Entry>): void {
  const index: Index = { magic: MAGIC, runtime: runtime(), entries: [] };
  const chunks: Buffer[] = [];
  let offset = 0;
  const list = index.entries as Array<Index['entries'][number]>;
  for (const [filename, entry] of entries) {
    list.push([filename, entry.crc, entry.length, offset, entry.data.length]);
    chunks.push(entry.data);
    offset += entry.data.length;
  }
  const json = Buffer.from(JSON.stringify(index), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32LE(json.length, 0);
  const temporary = `${cacheFile}.${process.pid}`;
  writeFileSync(temporary, Buffer.concat([header, json, ...chunks]), { mode: 0o600 });
  renameSync(temporary, cacheFile);
}

type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile };
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

/** The `require` Node hands a CommonJS module (what its internal makeRequireFunction builds). */
function requireFor(mod: Module): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => internals._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions as NodeJS.RequireExtensions;
  require.cache = internals._cache as NodeJS.Dict<NodeModule>;
  return require;
}

/**
 * Sources this hook leaves to Node: a dynamic `import()` needs the loader's per-module callback
 * (a `vm.Script` has none), a hashbang or BOM sits before the wrapper, and an ES module or a
 * syntax error needs Node's own handling and messages.
 */
const leaveToNode = (content: string, format: unknown): boolean =>
  (format !== undefined && format !== 'commonjs') || content.startsWith('#!') || content.charCodeAt(0) === 0xfeff || /\bimport\s*\(/.test(content);

export function installModuleCompileCache(cacheFile: string): ModuleCompileCache {
  const internals = Module as unknown as ModuleInternals;
  const original = internals.prototype._compile;
  const cached = readModuleCache(cacheFile);
  // Fresh data of the files compiled afresh; the files read from the cache keep their entries.
  const fresh = new Map<string, Entry>();
  const used = new Set<string>();
  const stats = { hits: 0, misses: 0 };
  let saved = false;

  internals.prototype._compile = function compileWithCache(this: Module, content: string, filename: string, ...rest: unknown[]): unknown {
    if (leaveToNode(content, rest[0])) return original.call(this, content, filename, ...rest);
    const crc = crc32(content);
    const entry = cached.get(filename);
    const cachedData = entry && entry.crc === crc && entry.length === content.length ? entry.data : undefined;
    let script: Script;
    try {
      script = new Script(Module.wrap(content), { filename, cachedData });
    } catch {
      return original.call(this, content, filename, ...rest);
    }
    used.add(filename);
    if (cachedData !== undefined && !script.cachedDataRejected) {
      stats.hits++;
    } else {
      stats.misses++;
      // Made at once, before the module runs (the top-level code and what V8 compiles eagerly):
      // nothing has to be kept until exit, and a start never materialises functions it does not call.
      fresh.set(filename, { crc, length: content.length, data: script.createCachedData() });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };

  const save = (): void => {
    if (saved || stats.misses === 0) return;
    saved = true;
    try {
      const entries = new Map<string, Entry>(fresh);
      let bytes = 0;
      for (const entry of fresh.values()) bytes += entry.data.length;
      // Entries of files this process used first, then those of files other commands load.
      const kept = [...cached].sort(([a], [b]) => Number(used.has(b)) - Number(used.has(a)));
      for (const [filename, entry] of kept) {
        if (entries.has(filename) || bytes + entry.data.length > MAX_CACHE_BYTES) continue;
        entries.set(filename, entry);
        bytes += entry.data.length;
      }
      writeModuleCache(cacheFile, entries);
    } catch {
      // Not writing the cache costs only the speed-up of the next start.
    }
  };
  process.on('exit', save);

  return {
    stats,
    save,
    uninstall() {
      internals.prototype._compile = original;
      process.off('exit', save);
    },
  };
}
