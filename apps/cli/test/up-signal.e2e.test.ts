import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

jest.setTimeout(180_000);

describe('framefarm up and a signal', () => {
  it('stops cleanly on a SIGTERM sent as soon as it says it is up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-up-signal-'));
    try {
      const child = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'framefarm.js'), 'up', '--port', '0', '--json', '--state-dir', join(dir, 'state')], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.stdout.on('data', (d) => {
        const first = !stdout.includes('"endpoint"');
        stdout += d;
        // A script that waits for the stack, uses it, and stops it, as the benchmark does.
        if (first && stdout.includes('"endpoint"')) child.kill('SIGTERM');
      });
      expect({ code: await closed, stderr }).toEqual({ code: 0, stderr: expect.stringContaining('stopping…') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
