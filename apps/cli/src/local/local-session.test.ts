import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStack, startLocalStack } from '@framefarm/local-aws';
import { UsageError } from '../errors';
import { LocalSession, openLocalSession, openLocalSessionDuring } from './local-session';

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

describe('a session with a stack of its own', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'ff-session-own-'));
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });
  // Nothing serves this endpoint, so the session starts its own stack.
  const nobody = { endpoint: 'http://127.0.0.1:9' };

  it('discarded, removes the state directory it made', async () => {
    const stateDir = join(parent, 'made-here');
    const session = await openLocalSession(stateDir, nobody);
    expect(session.joined).toBe(false);
    expect(existsSync(stateDir)).toBe(true);
    await session.discard();
    expect(existsSync(stateDir)).toBe(false);
  });

  it('discarded, keeps a state directory that was there before', async () => {
    const stateDir = join(parent, 'there-before');
    await mkdir(stateDir);
    const session = await openLocalSession(stateDir, nobody);
    await session.discard();
    expect(existsSync(stateDir)).toBe(true);
  });

  it('closed, keeps the state directory it made', async () => {
    const stateDir = join(parent, 'closed');
    const session = await openLocalSession(stateDir, nobody);
    await session.close();
    expect(existsSync(stateDir)).toBe(true);
  });
});

describe('openLocalSessionDuring', () => {
  /** A session that counts how often it was closed, and discarded. */
  const session = (): LocalSession & { closed: number; discarded: number } => {
    const opened = { target: { endpoint: 'http://127.0.0.1:1' }, stateDir: '/state', joined: false, closed: 0, discarded: 0 } as unknown as LocalSession & { closed: number; discarded: number };
    opened.close = async () => void opened.closed++;
    opened.discard = async () => void opened.discarded++;
    return opened;
  };

  it("gives the work's result and the session, still open", async () => {
    const opened = session();
    await expect(openLocalSessionDuring(Promise.resolve(42), async () => opened)).resolves.toEqual({ result: 42, session: opened });
    expect(opened).toMatchObject({ closed: 0, discarded: 0 });
  });

  it('opens the session while the work is still going on', async () => {
    let finishWork: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finishWork = resolve));
    let opening = false;
    const both = openLocalSessionDuring(work, async () => {
      opening = true;
      return session();
    });
    expect(opening).toBe(true);
    finishWork('read');
    await expect(both).resolves.toMatchObject({ result: 'read' });
  });

  it("discards the session when the work fails, and throws the work's error", async () => {
    const opened = session();
    await expect(openLocalSessionDuring(Promise.reject(new UsageError('bad sketch')), async () => opened)).rejects.toThrow('bad sketch');
    expect(opened).toMatchObject({ closed: 0, discarded: 1 });
  });

  it("throws the work's error when both fail", async () => {
    await expect(openLocalSessionDuring(Promise.reject(new UsageError('bad sketch')), () => Promise.reject(new UsageError('bad state dir')))).rejects.toThrow('bad sketch');
  });

  it("throws the session's error when only opening it fails", async () => {
    await expect(openLocalSessionDuring(Promise.resolve(1), () => Promise.reject(new UsageError('bad state dir')))).rejects.toThrow('bad state dir');
  });
});
