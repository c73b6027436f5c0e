import { type PathLike, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { keyToSegments, SafeObjectStore, segmentsToKey } from './object-store';

// The module object itself (not an import copy), so a spy reaches the store's calls.
const fs: typeof import('node:fs') = require('node:fs');

const read = async (store: SafeObjectStore, key: string): Promise<string | null> => {
  const object = (await store.getObject('bkt', key)) as { content: Readable } | null;
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

/** Every file under `dir`, recursively. */
const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

describe('SafeObjectStore', () => {
  let dir: string;
  let store: SafeObjectStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'object-store-'));
    store = new SafeObjectStore(join(dir, 's3'));
    mkdirSync(join(dir, 's3'));
    await store.putBucket('bkt');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps any key to names of hex digits inside the bucket, and back', () => {
    for (const key of ['a/../../../x', '..', '\0', 'x'.repeat(1024), '😀/é']) {
      const segments = keyToSegments(key);
      expect(segments.every((s) => /^[0-9a-f]*$/.test(s) && s.length <= 200)).toBe(true);
      expect(segmentsToKey(segments)).toBe(key);
    }
  });

  it('keeps a/../b, b and ../../x apart and inside the bucket', async () => {
    for (const key of ['a/../b', 'b', '../../x']) await store.putObject({ bucket: 'bkt', key, content: Buffer.from(key), metadata: {} });
    expect(await read(store, 'a/../b')).toBe('a/../b');
    expect(await read(store, 'b')).toBe('b');
    expect(readdirSync(dir)).toEqual(['s3']);
    const listed = (await store.listObjects('bkt', {})).objects as { key: string }[];
    expect(listed.map((o) => o.key)).toEqual(['../../x', 'a/../b', 'b']);
  });

  it('refuses bucket names that are paths', () => {
    expect(() => store.getBucketPath('..')).toThrow('invalid bucket name');
    expect(() => store.getResourcePath('../x', 'k', 'object')).toThrow('invalid bucket name');
  });

  it('does not follow a symbolic link planted where an object file would be', async () => {
    writeFileSync(join(dir, 'secret'), 'outside');
    const [segment] = keyToSegments('k');
    symlinkSync(join(dir, 'secret'), join(dir, 's3', 'bkt', `${segment}._S3rver_object`));
    expect(await read(store, 'k')).toBeNull();
    expect((await store.listObjects('bkt', {})).objects).toEqual([]);
  });

  it('on a full disk the write fails, the previous object stays whole, and no partial file is listed or left', async () => {
    await store.putObject({ bucket: 'bkt', key: 'runs/r/video.mp4', content: Buffer.from('complete video'), metadata: {} });
    const realCreateWriteStream = fs.createWriteStream;
    jest.spyOn(fs, 'createWriteStream').mockImplementation(((path: PathLike, options?: unknown) => {
      if (!String(path).includes('.tmp-')) return realCreateWriteStream(path, options as never);
      // the file system accepts 4 KiB, then the disk is full
      const real = realCreateWriteStream(path, options as never);
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          if (written > 4096) return callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
          real.write(chunk, callback);
        },
        final(callback) {
          real.end(callback);
        },
        // As a real stream's: closed only once its file is, so the store's clean-up finds the file
        // (without this, the file could be created after the clean-up had looked for it).
        destroy(error, callback) {
          if (real.closed) return callback(error);
          real.once('close', () => callback(error));
          real.destroy();
        },
      });
    }) as never);
    const big = Readable.from([Buffer.alloc(4096, 1), Buffer.alloc(4096, 2), Buffer.alloc(4096, 3)]);
    await expect(store.putObject({ bucket: 'bkt', key: 'runs/r/video.mp4', content: big, metadata: {} })).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(store.putObject({ bucket: 'bkt', key: 'runs/r/other.mp4', content: Readable.from([Buffer.alloc(8192)]), metadata: {} })).rejects.toMatchObject({ code: 'ENOSPC' });
    jest.restoreAllMocks();
    expect(await read(store, 'runs/r/video.mp4')).toBe('complete video');
    expect(await read(store, 'runs/r/other.mp4')).toBeNull();
    const listed = (await store.listObjects('bkt', {})).objects as { key: string }[];
    expect(listed.map((o) => o.key)).toEqual(['runs/r/video.mp4']);
    expect(allFiles(join(dir, 's3')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
