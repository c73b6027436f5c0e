import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DYNALITE_SOCKET_DIR_PREFIX } from '../../src/dynamodb/dynamodb-service';
import { startLocalStack, type LocalStack } from '../../src';
import { removeDir, tempStateDir } from '../helpers';

/** Ports of the TCP sockets this process listens on, from /proc (Linux). */
function listeningPorts(): number[] {
  const listening = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // fields: sl, local address:port (hex), remote, state (0A is LISTEN), …, inode (10th)
      if (fields[3] === '0A') listening.set(fields[9], parseInt(fields[1].split(':')[1], 16));
    }
  }
  const ports: number[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const port = inode === undefined ? undefined : listening.get(inode);
    if (port !== undefined) ports.push(port);
  }
  return ports.sort((a, b) => a - b);
}

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('what the local stack listens on', () => {
  let stateDir: string;
  let stack: LocalStack;
  let opened: number[];

  beforeAll(async () => {
    stateDir = tempStateDir();
    // Test files may share this process: only what the stack opens counts.
    const before = new Set(listeningPorts());
    stack = await startLocalStack({ stateDir, port: 0, quiet: true, imageTable: {}, batch: { sandbox: false } });
    opened = listeningPorts().filter((port) => !before.has(port));
  });
  afterAll(async () => {
    await stack?.stop();
    removeDir(stateDir);
  });

  it('is one TCP port, the edge, which checks every signature: S3 and DynamoDB, which check none themselves, have no port of their own', () => {
    expect(opened).toEqual([stack.port]);
  });

  it("leaves no socket anyone could connect to: dynalite's, which only opened its database, is gone with its directory", () => {
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`${DYNALITE_SOCKET_DIR_PREFIX}${process.pid}-`))).toEqual([]);
  });
});
