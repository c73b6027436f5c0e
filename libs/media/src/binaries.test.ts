import { FfmpegNotFoundError, resolveFfmpeg, resolveFfprobe } from './index';

describe('finding ffmpeg', () => {
  it('prefers FFMPEG_PATH and FFPROBE_PATH', () => {
    expect(resolveFfmpeg({ FFMPEG_PATH: process.execPath })).toBe(process.execPath);
    expect(resolveFfprobe({ FFPROBE_PATH: process.execPath })).toBe(process.execPath);
  });

  it('falls back to the npm-shipped binaries', () => {
    expect(resolveFfmpeg({})).toBe(require('@ffmpeg-installer/ffmpeg').path);
    expect(resolveFfprobe({})).toBe(require('@ffprobe-installer/ffprobe').path);
  });

  it('says what to fix when the configured path is wrong', () => {
    expect(() => resolveFfmpeg({ FFMPEG_PATH: '/nowhere/ffmpeg' })).toThrow(FfmpegNotFoundError);
    expect(() => resolveFfmpeg({ FFMPEG_PATH: '/nowhere/ffmpeg' })).toThrow(/FFMPEG_PATH=\/nowhere\/ffmpeg is not an executable/);
  });
});
