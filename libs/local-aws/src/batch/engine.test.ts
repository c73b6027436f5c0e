import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from '../logs/log-store';
import { createBatchEngine } from './engine';

describe('createBatchEngine', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-engine-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () =>
    createBatchEngine({ stateDir: join(dir, 'state'), logStore: new LogStore(join(dir, 'logs')), region: 'us-east-1', accountId: '1', imageTable: {}, jobEnvironment: {} });

  it('refuses a second engine on the same state directory until the first stops', async () => {
    const first = await open();
    await expect(open()).rejects.toThrow(/another Batch engine \(pid \d+\) uses .*state; stop it or choose another stateDir/);
    await first.stop();
    const second = await open();
    await second.stop();
  });

  it('ignores the pid file of an engine that is gone', async () => {
    const engine = await open();
    await engine.stop();
    writeFileSync(join(dir, 'state', 'engine.pid'), '999999999');
    const again = await open();
    await again.stop();
  });
});
