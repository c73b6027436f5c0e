// First: the compile cache must be in place before any package is required.
import './startup/compile-cache';
import './startup/v8-flags';
import { join } from 'node:path';

// The CLI itself is cli.cjs, a bundle of its own beside this one, so that the cache keeps its code
// too, with the functions a command called (about 30 ms of every start). A path esbuild cannot
// follow keeps it out of this bundle.
require(join(__dirname, 'cli.cjs'));
