import { BatchClient, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_RESOURCES } from '@framefarm/job-specs';
import { signedHeaders } from '../helpers';
import { rawRequest, startSecureStack, type SecureStack } from './stack-fixture';

const BUCKET = LOCAL_RESOURCES.bucket;

describe('signatures: what AWS refuses, the local stack refuses, and says what to do', () => {
  let secure: SecureStack;
  const clients: { destroy(): void }[] = [];
  const batchWith = (credentials: { accessKeyId: string; secretAccessKey: string }, extra = {}) => {
    const client = new BatchClient({ endpoint: secure.stack.endpoint, region: secure.stack.region, credentials, maxAttempts: 1, ...extra });
    clients.push(client);
    return client;
  };
  const s3With = (credentials: { accessKeyId: string; secretAccessKey: string }) => {
    const client = new S3Client({ endpoint: secure.stack.endpoint, region: secure.stack.region, credentials, forcePathStyle: true, maxAttempts: 1 });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    secure = await startSecureStack();
    await s3With(secure.stack.credentials).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/r/manifest.json', Body: '{}' }));
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await secure.close();
  });

  it('creates the admin key pair in the state directory, readable by its owner only', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const file = `${secure.stack.stateDir}/credentials.json`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect({ accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey }).toEqual(secure.stack.credentials);
    expect(secure.stack.credentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
  });

  it('refuses unsigned requests: MissingAuthenticationToken for JSON services, AccessDenied for S3', async () => {
    const batch = await rawRequest(secure.stack.endpoint, { method: 'POST', path: '/v1/describejobqueues', headers: { host: new URL(secure.stack.endpoint).host, 'content-type': 'application/json' }, body: '{}' });
    expect(batch.status).toBe(403);
    expect(batch.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    expect(batch.body).toContain('eval \\"$(npx framefarm env)\\"');
    const s3 = await fetch(`${secure.stack.endpoint}/${BUCKET}/runs/r/manifest.json`);
    expect(s3.status).toBe(403);
    expect(await s3.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('refuses a wrong secret: InvalidSignatureException (Batch), SignatureDoesNotMatch (S3)', async () => {
    const wrong = { accessKeyId: secure.stack.credentials.accessKeyId, secretAccessKey: 'not-the-secret' };
    await expect(batchWith(wrong).send(new DescribeJobQueuesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining('framefarm env'),
    });
    await expect(s3With(wrong).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'runs/r/manifest.json' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a key it never issued: UnrecognizedClientException (Batch), InvalidAccessKeyId (S3)', async () => {
    const unknown = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    await expect(batchWith(unknown).send(new DescribeJobQueuesCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
    await expect(s3With(unknown).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'runs/r/manifest.json' }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
      message: expect.stringContaining('framefarm env'),
    });
  });

  it('refuses a body that is not the one whose hash was signed (XAmzContentSHA256Mismatch)', async () => {
    const url = `${secure.stack.endpoint}/${BUCKET}?delete`;
    const signedBody = '<Delete><Object><Key>runs/r/manifest.json</Key></Object></Delete>';
    const { createHash } = await import('node:crypto');
    const headers = await signedHeaders(secure.stack, {
      service: 's3',
      method: 'POST',
      url,
      headers: { 'content-type': 'application/xml', 'x-amz-content-sha256': createHash('sha256').update(signedBody).digest('hex') },
    });
    const swapped = signedBody.replace('runs/r/manifest.json', 'runs/x/manifest.json');
    const answer = await fetch(url, { method: 'POST', headers, body: swapped });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  });

  it('refuses a signature more than 15 minutes off the clock', async () => {
    const skewed = batchWith(secure.stack.credentials, { systemClockOffset: -20 * 60 * 1000 });
    await expect(skewed.send(new DescribeJobQueuesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', message: expect.stringContaining('Signature expired') });
    await expect(batchWith(secure.stack.credentials).send(new DescribeJobQueuesCommand({}))).resolves.toBeDefined();
  });

  it('serves a presigned URL until it expires, then answers AccessDenied "Request has expired"', async () => {
    const url = new URL(`${secure.stack.endpoint}/${BUCKET}/runs/r/manifest.json`);
    const signer = new SignatureV4({ service: 's3', region: secure.stack.region, credentials: secure.stack.credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: false });
    const presign = async (signingDate: Date) => {
      const presigned = await signer.presign(
        new HttpRequest({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }),
        { expiresIn: 60, signingDate, unhoistableHeaders: new Set(['x-amz-content-sha256']), unsignableHeaders: new Set(['x-amz-content-sha256']) },
      );
      return `${url.origin}${url.pathname}?${new URLSearchParams(presigned.query as Record<string, string>).toString()}`;
    };
    const fresh = await fetch(await presign(new Date()));
    expect(fresh.status).toBe(200);
    const expired = await fetch(await presign(new Date(Date.now() - 5 * 60 * 1000)));
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('Request has expired');
    const tampered = new URL(await presign(new Date()));
    tampered.pathname = `/${BUCKET}/runs/other/manifest.json`;
    expect((await fetch(tampered)).status).toBe(403);
  });
});
