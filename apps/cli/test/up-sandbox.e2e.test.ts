import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

jest.setTimeout(180_000);

describe('framefarm up without a sandbox', () => {
  it('says once that jobs run unsandboxed, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-up-sandbox-'));
    try {
      const child = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'framefarm.js'), 'up', '--port', '0', '--state-dir', join(dir, 'state')], {
        cwd: dir,
        env: { ...process.env, FRAMEFARM_SANDBOX: 'off' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Up once the banner is out and the warning that follows it too; then stopped.
      await new Promise<void>((resolve, reject) => {
        const seen = () => stdout.includes('Ctrl-C stops it') && stderr.includes('jobs run without a sandbox') && resolve();
        child.stdout.on('data', (d) => {
          stdout += d;
          seen();
        });
        child.stderr.on('data', (d) => {
          stderr += d;
          seen();
        });
        child.on('close', () => reject(new Error(`up exited early:\n${stdout}\n${stderr}`)));
      });
      child.kill('SIGINT');
      expect(await closed).toBe(0);
      expect(stderr.match(/jobs run without a sandbox/g)).toHaveLength(1);
      expect(stderr).toContain('FRAMEFARM_SANDBOX=off');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
