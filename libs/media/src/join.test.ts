import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeVideo, startSegmentEncoder } from './index';

const format = { width: 64, height: 48, fps: 12 };
const frame = (i: number): Buffer => Buffer.alloc(format.width * format.height * 4, i * 8);

describe('joinSegments', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'framefarm-join-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('joins many segments without leaking listeners (no MaxListenersExceededWarning)', async () => {
    const segments: string[] = [];
    // 11 segments: one more than Node's default listener limit
    for (let start = 0; start < 22; start += 2) {
      const encoder = startSegmentEncoder({ ...format, startFrame: start, output: join(dir, `${start}.ts`) });
      for (let i = start; i < start + 2; i++) await encoder.write(frame(i));
      segments.push((await encoder.finish()).path);
    }
    const video = join(dir, 'video.mp4');
    const fixture = join(__dirname, '..', 'test', 'fixtures', 'join-segments.ts');
    const stderr = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [require.resolve('tsx/cli'), fixture, ...segments, video], (error, _stdout, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(err))),
    );
    expect(stderr).not.toContain('MaxListenersExceededWarning');
    expect(await probeVideo(video)).toMatchObject({ frames: 22, width: 64, height: 48 });
    // 11 ffmpeg encodes, one join and a TypeScript child process: more than 5 s on a loaded 2-core machine
  }, 60_000);
});
