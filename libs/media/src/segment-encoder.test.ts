import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegError, frameTimestamps, InvalidMediaInputError, joinSegments, resolveFfmpeg, resolveFfprobe, startSegmentEncoder, verifySegment, verifyVideo, VideoVerificationError } from './index';

const format = { width: 96, height: 64, fps: 24 };

/** A frame whose colour says its index, plus a box that moves, so every frame differs. */
function syntheticFrame(index: number): Buffer {
  const pixels = Buffer.alloc(format.width * format.height * 4);
  for (let y = 0; y < format.height; y++) {
    for (let x = 0; x < format.width; x++) {
      const offset = (y * format.width + x) * 4;
      const inBox = Math.abs(x - ((index * 3) % format.width)) < 8 && y > 20 && y < 40;
      pixels[offset] = inBox ? 255 : (index * 9) % 256;
      pixels[offset + 1] = inBox ? 255 : 80;
      pixels[offset + 2] = inBox ? 255 : 255 - ((index * 9) % 256);
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

async function encodeChunk(dir: string, start: number, end: number): Promise<string> {
  const encoder = startSegmentEncoder({ ...format, startFrame: start, output: join(dir, `${start}.ts`) });
  for (let i = start; i < end; i++) await encoder.write(syntheticFrame(i));
  const segment = await encoder.finish();
  expect(segment.frames).toBe(end - start);
  expect(segment.bytes).toBeGreaterThan(0);
  return segment.path;
}

describe('segments', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'framefarm-media-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('encodes three chunks and joins them into one MP4 with every frame, yuv420p and an even clock', async () => {
    const segments = [await encodeChunk(dir, 0, 10), await encodeChunk(dir, 10, 20), await encodeChunk(dir, 20, 27)];
    const secondTimes = await frameTimestamps(segments[1]);
    // The chunk's own timestamps start where frame 10 belongs, after the first segment's.
    expect(secondTimes).toHaveLength(10);
    expect(secondTimes[0] - (await frameTimestamps(segments[0]))[0]).toBeCloseTo(10 / 24, 5);

    const video = join(dir, 'video.mp4');
    await joinSegments(segments, video);
    const probe = await verifyVideo(video, { frames: 27, ...format });
    expect(probe).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p', frameRate: '24/1', frames: 27 });
    expect(probe.durationSeconds).toBeCloseTo(27 / 24, 1);
    const times = await frameTimestamps(video);
    expect(times).toHaveLength(27);
    times.forEach((t, i) => expect(t - times[0]).toBeCloseTo(i / 24, 4));
  });

  it('fails verification when a chunk is missing, naming the frame count', async () => {
    const segments = [await encodeChunk(dir, 0, 6), await encodeChunk(dir, 12, 18)];
    const video = join(dir, 'gap.mp4');
    await joinSegments(segments, video);
    await expect(verifyVideo(video, { frames: 18, ...format })).rejects.toThrow(VideoVerificationError);
    await expect(verifyVideo(video, { frames: 12, ...format })).rejects.toThrow(/frame 6, 7, 8, 9, 10 and 1 more missing/);
  });

  it('fails when a chunk is joined twice or the chunks are out of order', async () => {
    const [a, b, c] = [await encodeChunk(dir, 0, 6), await encodeChunk(dir, 6, 12), await encodeChunk(dir, 12, 18)];
    const doubled = join(dir, 'doubled.mp4');
    const joinedTwice = joinSegments([a, b, b, c], doubled).then(() => verifyVideo(doubled, { frames: 18, ...format }));
    await expect(joinedTwice).rejects.toThrow(/24 frames instead of 18|more than once|out of order|non monoton/);
    const swapped = join(dir, 'swapped.mp4');
    const outOfOrder = joinSegments([a, c, b], swapped).then(() => verifyVideo(swapped, { frames: 18, ...format }));
    // The MP4 muxer shifts the timestamps of what arrives out of order: the slots no longer fill.
    await expect(outOfOrder).rejects.toThrow(VideoVerificationError);
  });

  it('says when the pipe has taken each frame, so its buffer can take a later frame', async () => {
    const encoder = startSegmentEncoder({ ...format, startFrame: 0, output: join(dir, 'reused.ts') });
    const taken: number[] = [];
    for (let i = 0; i < 5; i++) {
      await encoder.write(syntheticFrame(i), () => taken.push(i));
      // write() returns once the frame before is in the pipe: that one's buffer is free.
      if (i > 0) expect(taken).toContain(i - 1);
    }
    await encoder.finish();
    expect(taken).toEqual([0, 1, 2, 3, 4]);
  });

  it('checks a segment against the frames written to it, by its packets', async () => {
    const segment = await encodeChunk(dir, 6, 12);
    await expect(verifySegment(segment, { frames: 6, fps: 24 })).resolves.toBeUndefined();
    await expect(verifySegment(segment, { frames: 7, fps: 24 })).rejects.toThrow(/6 frames instead of 7.*frame 6 missing/);
    await expect(verifySegment(segment, { frames: 6, fps: 12 })).rejects.toThrow(VideoVerificationError);
  });

  it('takes I420 frames as they are: flat planes come back from the segment as they went in, tagged BT.709 limited range', async () => {
    const { width, height } = format;
    const planes = (index: number): number[] => [40 + index * 60, 100 + index * 10, 180 - index * 20];
    const i420 = (index: number): Buffer => {
      const [y, u, v] = planes(index);
      return Buffer.concat([Buffer.alloc(width * height, y), Buffer.alloc((width * height) / 4, u), Buffer.alloc((width * height) / 4, v)]);
    };
    const encoder = startSegmentEncoder({ ...format, startFrame: 0, output: join(dir, 'i420.ts'), input: 'yuv420p' });
    await expect(encoder.write(syntheticFrame(0))).rejects.toThrow(/96x64 I420 needs 9216/);
    for (let i = 0; i < 3; i++) await encoder.write(i420(i));
    const segment = await encoder.finish();
    await verifySegment(segment.path, { frames: 3, fps: 24 });

    const decoded = execFileSync(resolveFfmpeg(), ['-v', 'error', '-f', 'mpegts', '-i', segment.path, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'], { maxBuffer: 1 << 24 });
    const frameBytes = i420(0).length;
    expect(decoded.length).toBe(3 * frameBytes);
    const mean = (bytes: Buffer): number => bytes.reduce((sum, b) => sum + b, 0) / bytes.length;
    for (let i = 0; i < 3; i++) {
      const frame = decoded.subarray(i * frameBytes, (i + 1) * frameBytes);
      const got = [frame.subarray(0, width * height), frame.subarray(width * height, (width * height * 5) / 4), frame.subarray((width * height * 5) / 4)].map(mean);
      got.forEach((value, plane) => expect(Math.abs(value - planes(i)[plane])).toBeLessThan(1));
    }
    const mp4 = join(dir, 'i420.mp4');
    await joinSegments([segment.path], mp4);
    const tags = execFileSync(resolveFfprobe(), ['-v', 'error', '-show_entries', 'stream=color_range,color_space,color_primaries,color_transfer', '-of', 'compact=p=0', mp4]).toString().trim();
    expect(tags).toBe('color_range=tv|color_space=bt709|color_transfer=bt709|color_primaries=bt709');
  });

  it('checks a segment of two black frames, which ffmpeg would take for MPEG program stream if not told', async () => {
    const black = { width: 1280, height: 720, fps: 30 };
    const encoder = startSegmentEncoder({ ...black, startFrame: 0, output: join(dir, 'black.ts') });
    for (let i = 0; i < 2; i++) await encoder.write(Buffer.alloc(black.width * black.height * 4));
    const segment = await encoder.finish();
    await expect(verifySegment(segment.path, { frames: 2, fps: 30 })).resolves.toBeUndefined();
  });

  it('rejects frames of the wrong size and reports ffmpeg stderr on failure', async () => {
    const encoder = startSegmentEncoder({ ...format, startFrame: 0, output: join(dir, 'x.ts') });
    await expect(encoder.write(Buffer.alloc(10))).rejects.toThrow(InvalidMediaInputError);
    encoder.abort();
    expect(() => startSegmentEncoder({ ...format, width: 95, startFrame: 0, output: join(dir, 'odd.ts') })).toThrow(/even number/);

    const garbage = join(dir, 'garbage.ts');
    await writeFile(garbage, 'not a transport stream');
    const failure = joinSegments([garbage], join(dir, 'out.mp4'));
    await expect(failure).rejects.toThrow(FfmpegError);
    await expect(failure).rejects.toThrow(/ffmpeg stderr/);
  });
});

describe('ffmpeg failing mid-stream', () => {
  let dir: string;
  let previous: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-media-fail-'));
    previous = process.env.FFMPEG_PATH;
    // Exits at once with status 1: every write after that meets a closed pipe.
    process.env.FFMPEG_PATH = '/bin/false';
  });
  afterEach(async () => {
    if (previous === undefined) delete process.env.FFMPEG_PATH;
    else process.env.FFMPEG_PATH = previous;
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the exit of ffmpeg, not the broken pipe, when encoding', async () => {
    const encoder = startSegmentEncoder({ ...format, startFrame: 0, output: join(dir, 'x.ts') });
    const writing = (async () => {
      for (let i = 0; i < 200; i++) await encoder.write(syntheticFrame(i));
      await encoder.finish();
    })();
    await expect(writing).rejects.toMatchObject({ name: 'FfmpegError', exitCode: 1 });
  });

  it('reports the exit of ffmpeg, not the broken pipe, when joining', async () => {
    const segment = join(dir, 'big.ts');
    await writeFile(segment, Buffer.alloc(8 * 1024 * 1024));
    await expect(joinSegments([segment, segment], join(dir, 'out.mp4'))).rejects.toMatchObject({ name: 'FfmpegError', exitCode: 1 });
  });
});
