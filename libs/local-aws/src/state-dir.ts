import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The state directory cannot hold the stack's state (not a directory, not creatable, not writable). */
export class StateDirError extends Error {
  override readonly name = 'StateDirError';
}

const why = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/**
 * Creates the state directory (and its missing parents) and checks that it takes files, before
 * any service touches it. Parents are created one at a time: Node's recursive mkdir never returns
 * under /proc (`/proc/nope` loops at 100% CPU), and its errors name a subdirectory, not the cause.
 */
export function prepareStateDir(dir: string): string {
  const path = resolve(dir);
  const missing: string[] = [];
  for (let existing = path; ; ) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(existing).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new StateDirError(`${existing} cannot be read (${why(err)}).`);
      missing.unshift(existing);
      if (dirname(existing) === existing) break;
      existing = dirname(existing);
      continue;
    }
    if (!isDirectory) throw new StateDirError(existing === path ? `${path} is a file, not a directory.` : `${existing} is a file, so ${path} cannot be a directory.`);
    break;
  }
  for (const created of missing) {
    try {
      mkdirSync(created);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StateDirError(`${created} cannot be created (${why(err)}).`);
    }
  }
  const probe = join(path, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new StateDirError(`${path} does not take files (${why(err)}).`);
  }
  return path;
}
