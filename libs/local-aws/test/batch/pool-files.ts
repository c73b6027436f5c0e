import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Files under the launcher pools' directories of this machine (scripts, scratch), recursively. */
export function poolFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith('ffl-'))
    .flatMap((name) => {
      try {
        return walk(join(tmpdir(), name));
      } catch {
        return [];
      }
    });
}
