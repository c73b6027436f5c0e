import { mkdtempSync, appendFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from './log-store';

describe('LogStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'logstore-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events per group and stream across instances, in order', () => {
    const store = new LogStore(dir);
    store.append('/aws/batch/job', 'framefarm-render/default/abc', [
      { timestamp: 1, message: 'one' },
      { timestamp: 2, message: 'two' },
    ]);
    const again = new LogStore(dir);
    expect(again.read('/aws/batch/job', 'framefarm-render/default/abc').map((e) => e.message)).toEqual(['one', 'two']);
    expect(again.groups()).toEqual(['/aws/batch/job']);
    expect(again.streams('/aws/batch/job').map((s) => s.name)).toEqual(['framefarm-render/default/abc']);
  });

  it('skips a line torn by a crash instead of failing the whole stream', () => {
    const store = new LogStore(dir);
    store.append('g', 's', [{ timestamp: 1, message: 'whole' }]);
    const groupDir = join(dir, 'g');
    appendFileSync(join(groupDir, readdirSync(groupDir)[0]), '{"timestamp": 2, "mess');
    expect(store.read('g', 's').map((e) => e.message)).toEqual(['whole']);
  });
});
