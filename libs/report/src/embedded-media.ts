/** What a media type may look like in a `data:` URI written into an attribute unescaped. */
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

/**
 * A file embedded in the report as a `data:` URI. Its base64 is made once, however often the page
 * shows the file (the poster is an image and the video's poster), and it is written as it is:
 * base64 has no character that HTML needs escaped.
 */
export class EmbeddedMedia {
  private base64: string | undefined;

  constructor(
    readonly mediaType: string,
    private readonly bytes: Uint8Array,
  ) {
    if (!MEDIA_TYPE.test(mediaType)) throw new RangeError(`${JSON.stringify(mediaType)} is not a media type such as image/png`);
  }

  /** The data URI in two parts: `data:<type>;base64,`, then the base64. */
  dataUriParts(): [string, string] {
    this.base64 ??= Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('base64');
    return [`data:${this.mediaType};base64,`, this.base64];
  }

  toString(): string {
    return this.dataUriParts().join('');
  }
}
