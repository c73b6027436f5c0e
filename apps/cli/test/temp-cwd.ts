import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The working directories the tests ran the CLI in, removed after each test of the file that imports this. */
const cwds: string[] = [];
afterEach(() => {
  for (const cwd of cwds.splice(0)) rmSync(cwd, { recursive: true, force: true });
});

/** A fresh working directory in the OS temp dir, removed after the test. */
export function tempCwd(prefix: string): string {
  const cwd = mkdtempSync(join(tmpdir(), prefix));
  cwds.push(cwd);
  return cwd;
}
