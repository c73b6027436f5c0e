import { createHash, createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectsCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { stateLayout, type CoreServices } from '../src/core-services';
import { sha256 } from '../src/testing';
import { REGION, removeDir, s3Client, startCore, tempStateDir } from './helpers';

const BUCKET = 'framefarm-test';
const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

describe('S3 through the edge', () => {
  let stateDir: string;
  let core: CoreServices;
  let s3: S3Client;

  beforeAll(async () => {
    stateDir = tempStateDir();
    core = await startCore(stateDir);
    s3 = s3Client(core);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  afterAll(async () => {
    s3.destroy();
    await core.stop();
    removeDir(stateDir);
  });

  it('pages through a listing with continuation tokens, every key once and in byte order', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `paged/${String.fromCharCode(0x61 + (i % 26))}${i}${i % 3 === 0 ? '/é' : ''}`);
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paged/', MaxKeys: 7, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key as string));
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0);
      token = page.NextContinuationToken;
      pages++;
    } while (token);
    expect(pages).toBe(5);
    expect(seen).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paged/', Delimiter: '/' }));
    expect(grouped.CommonPrefixes?.length).toBe(10);
  });

  it('puts, heads, gets, lists and deletes objects', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/r1/manifest.json', Body: '{"frames":120}', ContentType: 'application/json' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/r1/chunks/00000.json', Body: 'a' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/r2/manifest.json', Body: 'b' }));

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'runs/r1/manifest.json' }));
    expect(head.ContentLength).toBe(14);
    expect(head.ContentType).toBe('application/json');

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'runs/r1/manifest.json' }));
    expect(await got.Body?.transformToString()).toBe('{"frames":120}');

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'runs/r1/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['runs/r1/chunks/00000.json', 'runs/r1/manifest.json']);
    const delimited = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'runs/', Delimiter: '/' }));
    expect(delimited.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['runs/r1/', 'runs/r2/']);

    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'runs/r2/manifest.json' }));
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'runs/r2/manifest.json' }))).rejects.toBeInstanceOf(NoSuchKey);
  });

  it('stores a streamed upload (aws-chunked with a checksum trailer) byte for byte, its ETag the MD5 of the bytes', async () => {
    const parts = [Buffer.alloc(70_000, 1), Buffer.from('middle'), Buffer.alloc(3, 2)];
    const expected = Buffer.concat(parts);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'streamed.bin', Body: Readable.from(parts), ContentLength: expected.length }));
    const etag = JSON.stringify(md5(expected));
    expect(put.ETag).toBe(etag);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.bin' }));
    expect(got.ETag).toBe(etag);
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    expect(bytes.length).toBe(expected.length);
    expect(bytes.equals(expected)).toBe(true);
    // The spooled body became the object: nothing is left where uploads arrive.
    expect(readdirSync(stateLayout(stateDir).s3Incoming)).toEqual([]);
  });

  it('assembles a multipart upload larger than 5 MiB', async () => {
    const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
    const part2 = Buffer.from('the tail of the video');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'video.mp4', ContentType: 'video/mp4' }));
    expect(UploadId).toBeTruthy();
    const etags: string[] = [];
    for (const [i, body] of [part1, part2].entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'video.mp4', UploadId, PartNumber: i + 1, Body: body }));
      expect(ETag).toBe(JSON.stringify(md5(body)));
      etags.push(ETag ?? '');
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'video.mp4',
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'video.mp4' }));
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    const digest = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    expect(bytes.length).toBe(part1.length + part2.length);
    expect(digest(bytes)).toBe(digest(Buffer.concat([part1, part2])));
  });

  it('serves a presigned GET URL to plain fetch', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'poster.txt', Body: 'poster frame' }));
    const url = new URL(`${core.edge.endpoint}/${BUCKET}/poster.txt`);
    const signer = new SignatureV4({ service: 's3', region: REGION, credentials: core.credentials, sha256, uriEscapePath: false, applyChecksum: false });
    const presigned = await signer.presign(
      new HttpRequest({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host } }),
      { expiresIn: 300 },
    );
    const query = new URLSearchParams(presigned.query as Record<string, string>);
    expect(query.get('X-Amz-Credential')).toContain('/s3/aws4_request');
    const response = await fetch(`${url.origin}${url.pathname}?${query.toString()}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('poster frame');
  });

  it('refuses a SigV2 presigned URL (as S3 does for buckets created since 2020), saying how to sign with SigV4', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v2.txt', Body: 'signed the old way' }));
    const expires = Math.floor(Date.now() / 1000) + 300;
    const signature = createHmac('sha1', core.credentials.secretAccessKey).update(`GET\n\n\n${expires}\n/${BUCKET}/v2.txt`).digest('base64');
    const query = new URLSearchParams({ AWSAccessKeyId: core.credentials.accessKeyId, Signature: signature, Expires: String(expires) });
    const response = await fetch(`${core.edge.endpoint}/${BUCKET}/v2.txt?${query.toString()}`);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('<Code>InvalidRequest</Code>');
    expect(body).toContain('signature_version s3v4');
  });

  it('refuses an upload whose declared checksum does not match, and keeps the object it would replace', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'segment.ts', Body: 'good segment' }));
    await expect(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'segment.ts', Body: 'bad segment', ChecksumCRC32: 'AAAAAA==' }))).rejects.toMatchObject({
      name: 'BadDigest',
    });

    // The same with an aws-chunked body and the checksum in the trailer, as sent by streaming uploads.
    const body = Buffer.from('b\r\nbad segment\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    const url = new URL(`${core.edge.endpoint}/${BUCKET}/segment.ts`);
    const signer = new SignatureV4({ service: 's3', region: REGION, credentials: core.credentials, sha256, uriEscapePath: false, applyChecksum: false });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'PUT',
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        headers: {
          host: url.host,
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '11',
          'x-amz-trailer': 'x-amz-checksum-crc32',
        },
      }),
    );
    const response = await fetch(url, { method: 'PUT', headers: signed.headers, body });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>BadDigest</Code>');

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'segment.ts' }));
    expect(await got.Body?.transformToString()).toBe('good segment');
  });

  it('copies objects, serves byte ranges and deletes in batches', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'src.txt', Body: '0123456789' }));
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy.txt', CopySource: `${BUCKET}/src.txt` }));
    const copy = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copy.txt', Range: 'bytes=2-5' }));
    expect(copy.ContentRange).toBe('bytes 2-5/10');
    expect(await copy.Body?.transformToString()).toBe('2345');
    const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'src.txt' }, { Key: 'copy.txt' }] } }));
    expect(deleted.Deleted?.map((d) => d.Key).sort()).toEqual(['copy.txt', 'src.txt']);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'src.txt' }));
    expect(listed.KeyCount).toBe(0);
  });
});
