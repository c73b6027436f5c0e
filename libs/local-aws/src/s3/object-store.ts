import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// s3rver's own file store and object model; the store below replaces how keys become files.
import FilesystemStore from 's3rver/lib/stores/filesystem';
import S3Object from 's3rver/lib/models/object';
import { BUCKET_NAME } from './s3-limits';
import { takeSpooledUpload } from './upload-spool';

/** Hex digits of a key per directory level: every file name stays far below the 255-byte limit. */
const SEGMENT = 200;
const SUFFIX = '._S3rver_';
const OBJECT_SUFFIX = `${SUFFIX}object`;
const HEX_NAME = /^[0-9a-f]*$/;

export class InvalidStoreNameError extends Error {
  override readonly name = 'InvalidStoreNameError';
}

/** A key as directory levels of hex: any byte string maps to a path of [0-9a-f] names inside the bucket. */
export function keyToSegments(key: string): string[] {
  const hex = Buffer.from(key, 'utf8').toString('hex');
  const segments: string[] = [];
  for (let i = 0; i < hex.length; i += SEGMENT) segments.push(hex.slice(i, i + SEGMENT));
  return segments.length > 0 ? segments : [''];
}

export function segmentsToKey(segments: string[]): string {
  return Buffer.from(segments.join(''), 'hex').toString('utf8');
}

/**
 * s3rver's file store with keys as opaque strings. s3rver maps a key to a file path directly
 * (`a/../../x` leaves the bucket, a 241-byte segment fails with ENAMETOOLONG, `%00` throws), so
 * this store names files by the hex of the key's bytes, split into fixed-size directory levels:
 * no key can name anything outside its bucket, and every valid key fits. Objects are written
 * aside, fsynced and renamed into place, so a reader (or a listing) never sees a partial object,
 * even after a crash or a full disk; a failed write leaves the previous object as it was.
 * Symbolic links under the store are never followed. Listing walks the bucket and sorts keys in
 * byte order, as S3 does (hex order is byte order).
 */
export class SafeObjectStore extends FilesystemStore {
  override getBucketPath(bucketName: string): string {
    if (!BUCKET_NAME.test(bucketName)) throw new InvalidStoreNameError(`invalid bucket name ${JSON.stringify(bucketName)}`);
    return join(this.rootDirectory, bucketName);
  }

  override getResourcePath(bucket: string, key = '', resource: string): string {
    const segments = keyToSegments(key);
    const last = segments.pop() as string;
    return join(this.getBucketPath(bucket), ...segments, `${last}${SUFFIX}${resource}`);
  }

  async listBuckets(): Promise<unknown[]> {
    const names = await fsp.readdir(this.rootDirectory);
    const buckets = await Promise.all(names.filter((n) => BUCKET_NAME.test(n)).map((n) => this.getBucket(n)));
    return buckets.filter(Boolean);
  }

  override async getBucket(bucket: string): Promise<unknown> {
    if (!BUCKET_NAME.test(bucket)) return null;
    return super.getBucket(bucket);
  }

  override async getMetadata(bucket: string, key: string): Promise<Record<string, unknown>> {
    await this.refuseLink(this.getResourcePath(bucket, key, 'object'));
    return super.getMetadata(bucket, key);
  }

  async existsObject(bucket: string, key: string): Promise<boolean> {
    try {
      return (await fsp.lstat(this.getResourcePath(bucket, key, 'object'))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
      throw err;
    }
  }

  async listObjects(
    bucket: string,
    options: { delimiter?: string; startAfter?: string; prefix?: string; maxKeys?: number },
  ): Promise<{ objects: unknown[]; commonPrefixes: string[]; isTruncated: boolean }> {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const prefixHex = Buffer.from(prefix, 'utf8').toString('hex');
    const keys: string[] = [];
    await this.walk(this.getBucketPath(bucket), [], prefixHex, keys);
    keys.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    const commonPrefixes = new Set<string>();
    const listed: string[] = [];
    let isTruncated = false;
    for (const key of keys) {
      if (!key.startsWith(prefix) || Buffer.compare(Buffer.from(key), Buffer.from(startAfter)) <= 0) continue;
      if (delimiter) {
        const at = key.indexOf(delimiter, prefix.length);
        if (at !== -1) {
          commonPrefixes.add(key.slice(0, at + delimiter.length));
          continue;
        }
      }
      if (listed.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      listed.push(key);
    }
    const objects = await Promise.all(
      listed.map((key) =>
        this.getMetadata(bucket, key).then(
          (metadata) => new S3Object(bucket, key, null, metadata),
          (err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return undefined; // deleted while listing
            throw err;
          },
        ),
      ),
    );
    return { objects: objects.filter(Boolean), commonPrefixes: [...commonPrefixes].sort(), isTruncated };
  }

  /** Collects keys under `dir` (hex levels `levels`), descending only where `prefixHex` can match. */
  private async walk(dir: string, levels: string[], prefixHex: string, keys: string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const here = levels.join('');
    for (const entry of entries) {
      if (entry.isDirectory() && HEX_NAME.test(entry.name) && entry.name.length === SEGMENT) {
        const below = here + entry.name;
        if (below.startsWith(prefixHex) || prefixHex.startsWith(below)) await this.walk(join(dir, entry.name), [...levels, entry.name], prefixHex, keys);
      } else if (entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX)) {
        const last = entry.name.slice(0, -OBJECT_SUFFIX.length);
        if (HEX_NAME.test(last) && last.length > 0) keys.push(segmentsToKey([...levels, last]));
      }
    }
  }

  async putObject(object: { bucket: string; key: string; content: Buffer | Readable; metadata: Record<string, unknown> }): Promise<{ size: number; md5: string }> {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await fsp.mkdir(dirname(objectPath), { recursive: true });
    const { temp, size, md5 } = await storeAside(objectPath, object.content);
    try {
      await this.putMetadata(object.bucket, object.key, object.metadata, md5);
      await fsp.rename(temp, objectPath); // the object appears complete, or not at all
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return { size, md5 };
  }

  async putMetadata(bucket: string, key: string, metadata: Record<string, unknown>, md5?: string): Promise<void> {
    const json: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(metadata)) {
      if ((S3Object.ALLOWED_METADATA as string[]).includes(name) || name.startsWith('x-amz-meta-')) json[name] = value;
    }
    if (md5) await writeFileAtomic(this.getResourcePath(bucket, key, 'object.md5'), md5);
    await writeFileAtomic(this.getResourcePath(bucket, key, 'metadata.json'), JSON.stringify(json, null, 2));
  }

  async copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacementMetadata?: Record<string, unknown>): Promise<unknown> {
    const source = this.getResourcePath(srcBucket, srcKey, 'object');
    const same = source === this.getResourcePath(destBucket, destKey, 'object');
    if (same && replacementMetadata) await this.putMetadata(destBucket, destKey, replacementMetadata);
    else if (!same) {
      await this.refuseLink(source);
      const metadata = replacementMetadata ?? (await this.getMetadata(srcBucket, srcKey));
      await this.putObject({ bucket: destBucket, key: destKey, content: createReadStream(source), metadata });
    }
    return this.getMetadata(destBucket, destKey);
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    for (const resource of ['object', 'object.md5', 'metadata.json']) {
      await fsp.unlink(this.getResourcePath(bucket, key, resource)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw err;
      });
    }
    // remove the key's now empty levels, never the bucket itself
    const bucketPath = this.getBucketPath(bucket);
    for (let dir = dirname(objectPath); dir.length > bucketPath.length; dir = dirname(dir)) {
      try {
        await fsp.rmdir(dir);
      } catch {
        break; // not empty (or gone)
      }
    }
  }

  async putPart(bucket: string, uploadId: string, partNumber: number, content: Readable): Promise<{ size: number; md5: string }> {
    const partPath = join(this.uploadDir(bucket, uploadId), String(Math.trunc(Number(partNumber))));
    await fsp.mkdir(dirname(partPath), { recursive: true });
    const { temp, size, md5 } = await storeAside(partPath, content);
    try {
      await writeFileAtomic(`${partPath}.md5`, md5);
      await fsp.rename(temp, partPath);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return { size, md5 };
  }

  override async initiateUpload(bucket: string, key: string, uploadId: string, metadata: unknown): Promise<void> {
    this.uploadDir(bucket, uploadId);
    return super.initiateUpload(bucket, key, uploadId, metadata);
  }

  override async putObjectMultipart(bucket: string, uploadId: string, parts: unknown[]): Promise<unknown> {
    this.uploadDir(bucket, uploadId);
    return super.putObjectMultipart(bucket, uploadId, parts);
  }

  /** Upload ids are s3rver's own hex ids; anything else (`../x`) is refused before it names a path. */
  private uploadDir(bucket: string, uploadId: string): string {
    if (!/^[0-9a-f]{1,64}$/.test(String(uploadId))) throw Object.assign(new InvalidStoreNameError('no such upload'), { code: 'ENOENT' });
    return join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
  }

  /** A symbolic link where an object file should be is treated as no object. */
  private async refuseLink(path: string): Promise<void> {
    const stat = await fsp.lstat(path);
    if (!stat.isFile()) throw Object.assign(new Error(`not an object file: ${path}`), { code: 'ENOENT' });
  }
}

interface StoredAside {
  temp: string;
  size: number;
  md5: string;
}

const tempBeside = (path: string): string => `${path}.tmp-${randomBytes(6).toString('hex')}`;

/**
 * The body in a temporary file beside `path` (fsynced), for the caller to rename into place: the
 * file an upload was spooled into is moved there (its size and MD5 were taken as it arrived), any
 * other body is written.
 */
async function storeAside(path: string, content: Buffer | Readable): Promise<StoredAside> {
  const upload = takeSpooledUpload(content);
  const moved = upload ? await moveAside(path, upload) : undefined;
  return moved ?? writeAside(path, Buffer.isBuffer(content) ? [content] : content);
}

/** The spooled file moved beside `path`; nothing where the spool is on another file system (its body is then read as any other). */
async function moveAside(path: string, upload: { file: string; size: number; md5: string }): Promise<StoredAside | undefined> {
  const temp = tempBeside(path);
  try {
    await fsp.rename(upload.file, temp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EXDEV') return undefined;
    throw err;
  }
  try {
    await syncFile(temp);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
  return { temp, size: upload.size, md5: upload.md5 };
}

async function syncFile(path: string): Promise<void> {
  const handle = await fsp.open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to a temporary file beside `path` (fsynced). */
async function writeAside(path: string, content: Iterable<Buffer> | Readable): Promise<StoredAside> {
  const temp = tempBeside(path);
  const hash = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    await pipeline(content as Readable, measure, out);
    await syncFile(temp);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
  return { temp, size, md5: hash.digest('hex') };
}

async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await fsp.writeFile(temp, data, { flag: 'wx' });
    await fsp.rename(temp, path);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}


