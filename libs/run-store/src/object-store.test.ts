import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import type { ReadStream } from 'node:fs';
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
    s3.reset().on(PutObjectCommand).resolves({});
    const stored = await store.uploadFile('runs/r1/file', __filename, 'text/plain');
    expect(stored).toMatchObject({ key: 'runs/r1/file', bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({ Bucket: 'bucket', Key: 'runs/r1/file', ContentLength: stored.bytes, ContentType: 'text/plain' });
  });
});
