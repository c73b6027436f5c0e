import { installModuleCompileCache } from './module-compile-cache';

// Imported first by main.ts, so the hook is in place before the bundle requires its first
// package. Only the bundle (dist/apps/cli/main.cjs) keeps a cache, next to itself: run from its
// sources (tests, tsx) the CLI must not write into the source tree.
if (__filename.endsWith('.cjs') && process.env.FRAMEFARM_MODULE_CACHE !== 'off') {
  installModuleCompileCache(`${__filename}.modules.v8cache`);
}
