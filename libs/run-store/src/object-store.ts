import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline as pipelineStreams, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type * as z from 'zod/mini';
import { InvalidManifestError } from './errors';

export interface StoredFile {
  key: string;
  bytes: number;
  sha256: string;
}

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/** The run bucket through the S3 API: JSON documents, files streamed both ways, listings. */
export class ObjectStore {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /** `tagging` is a PutObject Tagging value (`key=value&...`), e.g. to mark intermediate objects. */
  async putJson(key: string, value: unknown, tagging?: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: `${JSON.stringify(value, null, 2)}\n`,
        ContentType: 'application/json',
        ...(tagging ? { Tagging: tagging } : {}),
      }),
    );
  }

  async putBytes(key: string, body: Buffer, contentType: string, tagging?: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ...(tagging ? { Tagging: tagging } : {}) }));
  }

  async putText(key: string, text: string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: text, ContentType: contentType }));
  }

  /** The object's text, or undefined when there is no such key. */
  async getText(key: string, bucket = this.bucket): Promise<string | undefined> {
    try {
      const output = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await output.Body!.transformToString();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Parses a JSON object with a schema; undefined when absent, InvalidManifestError when malformed. */
  async getJson<S extends z.ZodMiniType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
    const text = await this.getText(key);
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InvalidManifestError(`s3://${this.bucket}/${key} is not JSON; delete it and run the step again`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidManifestError(`s3://${this.bucket}/${key} is not a valid manifest (${issue.path.join('.') || 'root'}: ${issue.message}); delete it and run the step again`);
    }
    return parsed.data;
  }

  /** Size in bytes, or undefined when there is no such key. */
  async size(key: string, bucket = this.bucket): Promise<number | undefined> {
    try {
      const output = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return output.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Streams a file into an object; its SHA-256 is taken from the bytes as they are sent, so the file is read once. */
  async uploadFile(key: string, path: string, contentType: string, tagging?: string): Promise<StoredFile> {
    const { size } = await stat(path);
    const hash = createHash('sha256');
    let sent = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sent += chunk.length;
        callback(null, chunk);
      },
    });
    // pipeline(), not pipe(): a file that fails to read fails the body, and with it the request.
    const body = pipelineStreams(createReadStream(path), hashing, () => undefined);
    try {
      await this.s3.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: size, ContentType: contentType, ...(tagging ? { Tagging: tagging } : {}) }),
      );
    } finally {
      body.destroy(); // a request that failed before reading the whole file leaves it open otherwise
    }
    if (sent !== size) throw new Error(`${path} changed while it was uploaded to ${key}: ${sent} bytes sent of ${size}`);
    return { key, bytes: size, sha256: hash.digest('hex') };
  }

  /** Streams an object to a file and returns what was written. */
  async downloadFile(key: string, path: string): Promise<StoredFile> {
    const output = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const hash = createHash('sha256');
    let bytes = 0;
    const body = output.Body as Readable;
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    await pipeline(body, createWriteStream(path));
    return { key, bytes, sha256: hash.digest('hex') };
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}
