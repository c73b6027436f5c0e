import { EmbeddedMedia } from './embedded-media';

describe('EmbeddedMedia', () => {
  it('is the data URI of its bytes, in the parts written to the page', () => {
    const bytes = Buffer.from('frames <&> "quoted"');
    const media = new EmbeddedMedia('video/mp4', bytes.subarray(7, 12));
    expect(media.dataUriParts()).toEqual(['data:video/mp4;base64,', Buffer.from('<&> "').toString('base64')]);
    expect(String(media)).toBe(`data:video/mp4;base64,${Buffer.from('<&> "').toString('base64')}`);
  });

  it('refuses a media type that could leave the attribute it is written into', () => {
    expect(() => new EmbeddedMedia('image/png" onload="alert(1)', Buffer.alloc(1))).toThrow(/is not a media type/);
    expect(() => new EmbeddedMedia('', Buffer.alloc(1))).toThrow(RangeError);
  });
});
