import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStack, startLocalStack } from '@framefarm/local-aws';
import { UsageError } from '../errors';
import { openLocalSession } from './local-session';

/** A stack that another process would have started with `framefarm up`, on a free port. */
describe('framefarm run joining a running stack', () => {
  let stack: LocalStack;
  let stateDir: string;
  let other: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'ff-session-running-'));
    other = await mkdtemp(join(tmpdir(), 'ff-session-other-'));
    stack = await startLocalStack({ stateDir, port: 0, quiet: true, imageTable: {} });
  });
  afterAll(async () => {
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  });

  it('joins it and says which state directory it serves', async () => {
    const session = await openLocalSession(other, { endpoint: stack.endpoint });
    expect(session).toMatchObject({ joined: true, stateDir: stack.stateDir, target: { endpoint: stack.endpoint } });
    await session.close();
  });

  it('joins it when --state-dir names the same directory', async () => {
    const session = await openLocalSession(stateDir, { endpoint: stack.endpoint, stateDirGiven: true });
    expect(session.joined).toBe(true);
  });

  it('refuses when an explicit --state-dir contradicts it', async () => {
    const opening = openLocalSession(other, { endpoint: stack.endpoint, stateDirGiven: true });
    await expect(opening).rejects.toThrow(UsageError);
    await expect(openLocalSession(other, { endpoint: stack.endpoint, stateDirGiven: true })).rejects.toThrow(`another state directory (${stack.stateDir}) already serves ${stack.endpoint}`);
  });
});
