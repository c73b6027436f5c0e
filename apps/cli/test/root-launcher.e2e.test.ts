import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

// `./framefarm` is the README's quicker way to the launcher `npx framefarm` runs: the same command
// line and exit code, from any directory.
describe('./framefarm at the repository root', () => {
  const framefarm = (...args: string[]) => spawnSync(join(ROOT, 'framefarm'), args, { cwd: tmpdir(), encoding: 'utf8' });

  it('runs the CLI with the arguments given', () => {
    const result = framefarm('status', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: framefarm status');
  });

  it('exits as the CLI does: 2 for bad input', () => {
    const result = framefarm('run', '--frames', '0');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/frames/);
  });
});
