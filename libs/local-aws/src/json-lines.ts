import { existsSync, readFileSync } from 'node:fs';

/**
 * The records of an append-only JSON-lines file, in the order they were written; [] when there is
 * no file. A line torn by a crash mid-write is skipped rather than failing the whole file.
 */
export function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as T];
      } catch {
        return [];
      }
    });
}
