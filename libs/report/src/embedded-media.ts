/** What a media type may look like in a `data:` URI written into an attribute unescaped. */
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

/** Bytes encoded per part: a multiple of 3, so the parts' base64 joins into the whole's. */
export const BASE64_PART_BYTES = 3 * 16_384;

/**
 * A file embedded in the report as a `data:` URI, written as base64 (which has no character that
 * HTML needs escaped) in parts of 64 KB. The base64 of a whole video would be an 8 MB string
 * that is copied again into an 8 MB buffer to be written: fresh memory twice, which the kernel
 * faults in page by page (the report of a 6.7 MB video: 143 ms of CPU, 124 ms in parts;
 * tools/bench/findings.ts). Small parts, written one after another, reuse the same memory.
 */
export class EmbeddedMedia {
  private readonly bytes: Buffer;

  constructor(
    readonly mediaType: string,
    bytes: Uint8Array,
  ) {
    if (!MEDIA_TYPE.test(mediaType)) throw new RangeError(`${JSON.stringify(mediaType)} is not a media type such as image/png`);
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The data URI in parts: `data:<type>;base64,`, then the base64, made as the parts are read. */
  *dataUriParts(): Generator<string> {
    yield `data:${this.mediaType};base64,`;
    for (let start = 0; start < this.bytes.length; start += BASE64_PART_BYTES) {
      yield this.bytes.toString('base64', start, Math.min(this.bytes.length, start + BASE64_PART_BYTES));
    }
  }

  toString(): string {
    return [...this.dataUriParts()].join('');
  }
}
