import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { readFileSync, type ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { ObjectStore } from './object-store';

describe('ObjectStore.uploadFile', () => {
  const s3 = mockClient(S3Client);
  const store = new ObjectStore(new S3Client({ region: 'us-east-1' }), 'bucket');
  afterAll(() => s3.restore());

  it('closes the file it uploads when the request fails before reading it', async () => {
    let body: ReadStream | undefined;
    s3.reset()
      .on(PutObjectCommand)
      .callsFake((input: { Body: ReadStream }) => {
        body = input.Body;
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
      });
    await expect(store.uploadFile('runs/r1/video.mp4', __filename, 'video/mp4')).rejects.toThrow('Access Denied');
    expect(body?.destroyed).toBe(true);
  });

  it('returns the size and SHA-256 of what it uploaded', async () => {
    let sent = Buffer.alloc(0);
    s3.reset()
      .on(PutObjectCommand)
      .callsFake(async (input: { Body: Readable }) => {
        for await (const chunk of input.Body) sent = Buffer.concat([sent, chunk as Buffer]);
        return {};
      });
    const stored = await store.uploadFile('runs/r1/file', __filename, 'text/plain');
    const file = readFileSync(__filename);
    expect(sent.equals(file)).toBe(true);
    expect(stored).toEqual({ key: 'runs/r1/file', bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') });
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({ Bucket: 'bucket', Key: 'runs/r1/file', ContentLength: file.length, ContentType: 'text/plain' });
  });

  it('gives no hash for bytes it did not send', async () => {
    s3.reset().on(PutObjectCommand).resolves({}); // an answer without reading the body, which S3 never gives
    await expect(store.uploadFile('runs/r1/file', __filename, 'text/plain')).rejects.toThrow(/changed while it was uploaded to runs\/r1\/file: 0 bytes sent of \d+/);
  });

  it('fails the upload when the file cannot be read', async () => {
    s3.reset()
      .on(PutObjectCommand)
      .callsFake(async (input: { Body: Readable }) => {
        for await (const chunk of input.Body) void chunk;
        return {};
      });
    await expect(store.uploadFile('runs/r1/file', '/', 'text/plain')).rejects.toThrow(/EISDIR/);
  });
});
