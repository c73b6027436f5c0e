import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli } from './run-cli';

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

describe('framefarm run with a stack of its own and no sandbox', () => {
  it('says once that jobs run unsandboxed, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-run-sandbox-'));
    try {
      const small = ['--frames', '4', '--width', '32', '--height', '16', '--fps', '10'];
      const result = await runCli(['run', ...small, '--state-dir', join(dir, 'state'), '--out', join(dir, 'out')], dir, { FRAMEFARM_SANDBOX: 'off' });
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(result.stderr.match(/jobs run without a sandbox/g)).toHaveLength(1);
      expect(result.stderr).toContain('FRAMEFARM_SANDBOX=off');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
