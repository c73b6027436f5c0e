import { statSync } from 'node:fs';
import { join } from 'node:path';
import { installModuleCompileCache } from './module-compile-cache';

/**
 * What says the installed packages are unchanged: npm rewrites node_modules/.package-lock.json on
 * every install, update or removal. Without it, requires are resolved by Node every time.
 */
function installedPackagesStamp(root: string): string | undefined {
  try {
    const stat = statSync(join(root, 'node_modules', '.package-lock.json'));
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/** The subcommand (`run`, `status`…), or the first option when there is none (`--help`). */
const command = (): string | undefined => process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? process.argv[2];

// Imported first by main.ts, so the hook is in place before the bundle requires its first
// package. Only the bundle (dist/apps/cli/main.cjs) keeps a cache, next to itself: run from its
// sources (tests, tsx) the CLI must not write into the source tree. FRAMEFARM_MODULE_CACHE=off
// turns it off; =stats prints what it did when the process exits.
const mode = process.env.FRAMEFARM_MODULE_CACHE;
if (__filename.endsWith('.cjs') && mode !== 'off') {
  const cache = installModuleCompileCache(`${__filename}.modules.v8cache`, {
    // The packages beside this bundle (not repoRoot(), which FRAMEFARM_ROOT may point elsewhere; and
    // importing it here would put its dependencies before the cache).
    resolutionStamp: installedPackagesStamp(join(__dirname, '..', '..', '..')),
    command: command(),
  });
  if (mode === 'stats') process.on('exit', () => process.stderr.write(`framefarm module cache: ${JSON.stringify(cache.stats)}\n`));
}
