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
 * Data is made when the process exits, not when a file is compiled: by then V8 has also compiled
 * the functions the command called (lazily, on first call), and the data keeps them, so the next
 * start compiles neither the files nor those functions. Every command loads the same files but
 * calls different functions, so the first process of each command (`command`) saves the data of
 * every file it used, not only of those it compiled afresh (about 40 ms of a `framefarm run`'s
 * CLI). The cache also keeps where each `require` resolved to (about 50 ms of stat calls and
 * package.json reads for ~1,900 requires), valid while `resolutionStamp` is unchanged: the caller
 * passes one that changes whenever npm installs anything.
 *
 * Security: the cache is compiled code that this process runs. It lives next to the CLI bundle
 * (dist/, the user's own checkout), never in a shared directory such as /tmp; it is written only
 * here, by the CLI, with mode 0600 and an atomic rename; it is read only if it belongs to this user
 * and no one else can write it (jobs run as sandboxed processes that have no reason, and in the
 * sandbox no way, to write into dist/). Each entry carries the CRC-32 and length of the source it
 * was compiled from, so a changed file is compiled afresh, and V8 itself rejects data from another
 * V8 version or other flags.
 */

const MAGIC = 'framefarm-module-cache-2';
/** Entries of files this process did not load are kept (other commands load other files) up to this size. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** A mistyped command warms the cache once too; past this many, no command does. */
const MAX_WARMED_COMMANDS = 32;

interface Entry {
  readonly crc: number;
  readonly length: number;
  readonly data: Buffer;
}

/** `<directory of the requiring module>\0<request>`, as Node keys its own relative-resolve cache. */
type ResolutionKey = string;

interface Index {
  readonly magic: string;
  /** V8 rejects another version's data anyway; a mismatch here just skips the lookups. */
  readonly runtime: string;
  readonly entries: ReadonlyArray<readonly [filename: string, crc: number, length: number, offset: number, size: number]>;
  /** The stamp the resolutions were recorded under; none were kept without one. */
  readonly resolutionStamp?: string;
  readonly resolutions?: ReadonlyArray<readonly [key: ResolutionKey, filename: string]>;
  /** Commands whose first process saved the data of every file it used. */
  readonly warmedBy?: readonly string[];
}

export interface ModuleCache {
  readonly entries: Map<string, Entry>;
  /** Where requires resolved to, if recorded under the stamp asked for. */
  readonly resolutions: Map<ResolutionKey, string>;
  readonly warmedBy: Set<string>;
}

export interface ModuleCompileCacheOptions {
  /** Changes whenever the installed packages may have changed; without one, requires are resolved by Node every time. */
  readonly resolutionStamp?: string;
  /** What this process runs (the CLI's subcommand): the first process of each saves the data of every file it used. */
  readonly command?: string;
}

export interface ModuleCompileCache {
  /** Modules compiled from the cache / compiled afresh (then saved on exit); requires resolved from the cache / by Node. */
  readonly stats: { hits: number; misses: number; resolvedFromCache: number; resolvedByNode: number };
  /** Writes the cache if this process compiled or resolved anything afresh, or is its command's first (runs on exit by itself). */
  save(): void;
  /** Restores Node's own `_compile` and `_resolveFilename` (for tests). */
  uninstall(): void;
}

const runtime = (): string => `${process.version} ${process.arch} ${process.versions.v8}`;

/** The cache's contents, or nothing when it is missing, not this user's own, writable by others, or made by another runtime. */
export function readModuleCache(cacheFile: string, resolutionStamp?: string): ModuleCache {
  const entries = new Map<string, Entry>();
  const resolutions = new Map<ResolutionKey, string>();
  const empty = (): ModuleCache => ({ entries: new Map(), resolutions: new Map(), warmedBy: new Set() });
  let bytes: Buffer;
  try {
    const fd = openSync(cacheFile, 'r');
    try {
      const stat = fstatSync(fd);
      const owner = process.getuid?.();
      if ((owner !== undefined && stat.uid !== owner) || (stat.mode & 0o022) !== 0) return empty();
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return empty();
  }
  try {
    const indexLength = bytes.readUInt32LE(0);
    const index = JSON.parse(bytes.subarray(4, 4 + indexLength).toString('utf8')) as Index;
    if (index.magic !== MAGIC || index.runtime !== runtime()) return empty();
    const base = 4 + indexLength;
    for (const [filename, crc, length, offset, size] of index.entries) {
      if (base + offset + size > bytes.length) return empty();
      entries.set(filename, { crc, length, data: bytes.subarray(base + offset, base + offset + size) });
    }
    if (resolutionStamp !== undefined && index.resolutionStamp === resolutionStamp) {
      for (const [key, filename] of index.resolutions ?? []) resolutions.set(key, filename);
    }
    return { entries, resolutions, warmedBy: new Set(index.warmedBy ?? []) };
  } catch {
    return empty();
  }
}

function writeModuleCache(
  cacheFile: string,
  entries: Map<string, Entry>,
  resolutionStamp: string | undefined,
  resolutions: Map<ResolutionKey, string>,
  warmedBy: Set<string>,
): void {
  const index: Index = {
    magic: MAGIC,
    runtime: runtime(),
    entries: [],
    ...(resolutionStamp === undefined ? {} : { resolutionStamp, resolutions: [...resolutions] }),
    warmedBy: [...warmedBy],
  };
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

export function installModuleCompileCache(cacheFile: string, options: ModuleCompileCacheOptions = {}): ModuleCompileCache {
  const internals = Module as unknown as ModuleInternals;
  const originalCompile = internals.prototype._compile;
  const originalResolve = internals._resolveFilename;
  const { resolutionStamp, command } = options;
  const cached = readModuleCache(cacheFile, resolutionStamp);
  // Every script this process compiled; on exit the data of the fresh ones (or of all of them) is made.
  const compiled = new Map<string, { crc: number; length: number; script: Script; fresh: boolean }>();
  const resolutions = cached.resolutions;
  const warmsAll = command !== undefined && !cached.warmedBy.has(command) && cached.warmedBy.size < MAX_WARMED_COMMANDS;
  const stats = { hits: 0, misses: 0, resolvedFromCache: 0, resolvedByNode: 0 };
  let saved = false;

  internals.prototype._compile = function compileWithCache(this: Module, content: string, filename: string, ...rest: unknown[]): unknown {
    if (leaveToNode(content, rest[0])) return originalCompile.call(this, content, filename, ...rest);
    const crc = crc32(content);
    const entry = cached.entries.get(filename);
    const cachedData = entry && entry.crc === crc && entry.length === content.length ? entry.data : undefined;
    let script: Script;
    try {
      script = new Script(Module.wrap(content), { filename, cachedData });
    } catch {
      return originalCompile.call(this, content, filename, ...rest);
    }
    const fresh = cachedData === undefined || script.cachedDataRejected === true;
    if (fresh) stats.misses++;
    else stats.hits++;
    compiled.set(filename, { crc, length: content.length, script, fresh });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };

  if (resolutionStamp !== undefined) {
    internals._resolveFilename = function resolveWithCache(request: string, parent: Module, isMain: boolean, resolveOptions?: unknown): string {
      // Only plain requires from a module file: require.resolve with `paths`, the main module and builtins go to Node.
      if (isMain || resolveOptions !== undefined || !parent?.filename || Module.isBuiltin(request)) {
        return originalResolve.call(this, request, parent, isMain, resolveOptions);
      }
      const key = `${dirname(parent.filename)}\0${request}`;
      const known = resolutions.get(key);
      if (known !== undefined) {
        stats.resolvedFromCache++;
        return known;
      }
      const filename = originalResolve.call(this, request, parent, isMain, resolveOptions);
      stats.resolvedByNode++;
      resolutions.set(key, filename);
      return filename;
    };
  }

  const save = (): void => {
    if (saved || (stats.misses === 0 && stats.resolvedByNode === 0 && !warmsAll)) return;
    saved = true;
    try {
      const entries = new Map<string, Entry>();
      let bytes = 0;
      for (const [filename, { crc, length, script, fresh }] of compiled) {
        if (!fresh && !warmsAll) continue;
        const data = script.createCachedData();
        entries.set(filename, { crc, length, data });
        bytes += data.length;
      }
      // Entries of files this process used first, then those of files other commands load.
      const kept = [...cached.entries].sort(([a], [b]) => Number(compiled.has(b)) - Number(compiled.has(a)));
      for (const [filename, entry] of kept) {
        if (entries.has(filename) || bytes + entry.data.length > MAX_CACHE_BYTES) continue;
        entries.set(filename, entry);
        bytes += entry.data.length;
      }
      const warmedBy = new Set(cached.warmedBy);
      if (warmsAll) warmedBy.add(command);
      writeModuleCache(cacheFile, entries, resolutionStamp, resolutions, warmedBy);
    } catch {
      // Not writing the cache costs only the speed-up of the next start.
    }
  };
  process.on('exit', save);

  return {
    stats,
    save,
    uninstall() {
      internals.prototype._compile = originalCompile;
      internals._resolveFilename = originalResolve;
      process.off('exit', save);
    },
  };
}
