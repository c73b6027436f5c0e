import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './run-cli';

jest.setTimeout(180_000);

describe('framefarm up without a sandbox', () => {
  it('says once that jobs run unsandboxed, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-up-sandbox-'));
    try {
      const up = startCli(['up', '--port', '0', '--state-dir', join(dir, 'state')], dir, { ...process.env, FRAMEFARM_SANDBOX: 'off' });
      // Up once the banner is out and the warning that follows it too; then stopped.
      await up.until((stdout, stderr) => stdout.includes('Ctrl-C stops it') && stderr.includes('jobs run without a sandbox'));
      up.child.kill('SIGINT');
      expect(await up.closed).toBe(0);
      const stderr = up.stderr();
      expect(stderr.match(/jobs run without a sandbox/g)).toHaveLength(1);
      expect(stderr).toContain('FRAMEFARM_SANDBOX=off');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
