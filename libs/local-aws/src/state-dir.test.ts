import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareStateDir, StateDirError } from './state-dir';

describe('prepareStateDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'state-dir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing parents and returns the absolute path', () => {
    const path = prepareStateDir(join(dir, 'a', 'b', 'c'));
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it('refuses a file, and a path below a file', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => prepareStateDir(join(dir, 'file'))).toThrow(StateDirError);
    expect(() => prepareStateDir(join(dir, 'file'))).toThrow('is a file, not a directory');
    expect(() => prepareStateDir(join(dir, 'file', 'sub'))).toThrow('is a file, so');
  });

  it('refuses /proc/nope at once instead of looping like a recursive mkdir', () => {
    expect(() => prepareStateDir('/proc/nope')).toThrow(StateDirError);
    expect(() => prepareStateDir('/proc/nope')).toThrow('/proc/nope cannot be created');
  });
});
