/** What a media type may look like in a `data:` URI written into an attribute unescaped. */
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

/**
 * A file embedded in the report as a `data:` URI. Its base64 is made once, however often the page
 * shows the file (the poster is an image and the video's poster), and it is written as it is:
 * base64 has no character that HTML needs escaped.
 */
export class EmbeddedMedia {
  private readonly base64: string;

  constructor(
    readonly mediaType: string,
    bytes: Uint8Array,
  ) {
    if (!MEDIA_TYPE.test(mediaType)) throw new RangeError(`${JSON.stringify(mediaType)} is not a media type such as image/png`);
    this.base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }

  /** The data URI in two parts: `data:<type>;base64,`, then the base64. */
  dataUriParts(): [string, string] {
    return [`data:${this.mediaType};base64,`, this.base64];
  }

  toString(): string {
    return this.dataUriParts().join('');
  }
}
