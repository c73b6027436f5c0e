import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './run-cli';

jest.setTimeout(180_000);

describe('framefarm up and a signal', () => {
  it('stops cleanly on a SIGTERM sent as soon as it says it is up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-up-signal-'));
    try {
      const up = startCli(['up', '--port', '0', '--json', '--state-dir', join(dir, 'state')], dir);
      // A script that waits for the stack, uses it, and stops it, as the benchmark does.
      await up.until((stdout) => stdout.includes('"endpoint"'));
      up.child.kill('SIGTERM');
      expect({ code: await up.closed, stderr: up.stderr() }).toEqual({ code: 0, stderr: expect.stringContaining('stopping…') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
