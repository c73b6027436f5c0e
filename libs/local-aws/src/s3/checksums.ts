import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** A running checksum over an upload, in the form S3 puts in `x-amz-checksum-<algorithm>` (base64, big-endian). */
export interface RunningChecksum {
  algorithm: string;
  update(chunk: Buffer): void;
  digest(): string;
}

class Crc32 implements RunningChecksum {
  readonly algorithm = 'crc32';
  private value = 0;
  update(chunk: Buffer): void {
    this.value = crc32(chunk, this.value);
  }
  digest(): string {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.value >>> 0);
    return out.toString('base64');
  }
}

class NodeHash implements RunningChecksum {
  private readonly hash: Hash;
  constructor(readonly algorithm: 'sha1' | 'sha256') {
    this.hash = createHash(algorithm);
  }
  update(chunk: Buffer): void {
    this.hash.update(chunk);
  }
  digest(): string {
    return this.hash.digest('base64');
  }
}

/**
 * A calculator for an S3 checksum algorithm this stack can verify (CRC32, SHA-1, SHA-256), or
 * undefined for one it cannot (CRC32C, CRC64NVME): those are accepted unverified.
 */
export function runningChecksum(algorithm: string): RunningChecksum | undefined {
  switch (algorithm.toLowerCase()) {
    case 'crc32':
      return new Crc32();
    case 'sha1':
    case 'sha256':
      return new NodeHash(algorithm.toLowerCase() as 'sha1' | 'sha256');
    default:
      return undefined;
  }
}
