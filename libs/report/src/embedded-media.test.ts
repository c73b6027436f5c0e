import { BASE64_PART_BYTES, EmbeddedMedia } from './embedded-media';

describe('EmbeddedMedia', () => {
  it('is the data URI of its bytes, in the parts written to the page', () => {
    const bytes = Buffer.from('frames <&> "quoted"');
    const media = new EmbeddedMedia('video/mp4', bytes.subarray(7, 12));
    expect([...media.dataUriParts()]).toEqual(['data:video/mp4;base64,', Buffer.from('<&> "').toString('base64')]);
    expect(String(media)).toBe(`data:video/mp4;base64,${Buffer.from('<&> "').toString('base64')}`);
  });

  it('writes a large file as base64 in parts of at most 64 KB that join into the whole', () => {
    const bytes = Buffer.alloc(2 * BASE64_PART_BYTES + 1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    const [prefix, ...parts] = new EmbeddedMedia('video/mp4', bytes).dataUriParts();
    expect(prefix).toBe('data:video/mp4;base64,');
    expect(parts).toHaveLength(3);
    expect(Math.max(...parts.map((part) => part.length))).toBe(65_536);
    expect(parts.join('')).toBe(bytes.toString('base64'));
    expect(Buffer.from(parts.join(''), 'base64').equals(bytes)).toBe(true);
  });

  it('refuses a media type that could leave the attribute it is written into', () => {
    expect(() => new EmbeddedMedia('image/png" onload="alert(1)', Buffer.alloc(1))).toThrow(/is not a media type/);
    expect(() => new EmbeddedMedia('', Buffer.alloc(1))).toThrow(RangeError);
  });
});
