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

  it('answers requests after stop() with a ServerException instead of accepting work it cannot keep', async () => {
    const engine = await open();
    await engine.stop();
    let status = 0;
    let type: unknown;
    let text = '';
    const res = {
      writeHead: (code: number, headers: Record<string, string>) => {
        status = code;
        type = headers['x-amzn-errortype'];
      },
      end: (body: string) => (text = body),
    };
    await engine.handle({ method: 'POST', url: '/v1/submitjob' } as never, res as never, Buffer.from('{}'));
    expect({ status, type, message: JSON.parse(text).message }).toEqual({ status: 500, type: 'ServerException', message: 'the local Batch engine is stopped' });
  });

  it('ignores the pid file of an engine that is gone', async () => {
    const engine = await open();
    await engine.stop();
    writeFileSync(join(dir, 'state', 'engine.pid'), '999999999');
    const again = await open();
    await again.stop();
  });
});
