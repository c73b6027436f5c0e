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
      child.stderr.on('data', (d) => (stderr += d));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          stdout += d;
          if (stdout.includes('Ctrl-C stops it')) resolve();
        });
        child.on('close', () => reject(new Error(`up exited early:\n${stdout}\n${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // stderr is written right after the banner
      child.kill('SIGINT');
      expect(await closed).toBe(0);
      expect(stderr.match(/jobs run without a sandbox/g)).toHaveLength(1);
      expect(stderr).toContain('FRAMEFARM_SANDBOX=off');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
