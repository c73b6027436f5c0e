import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { resolveFfmpeg } from './binaries';
import { InvalidMediaInputError } from './errors';
import { startTool } from './run-tool';

/**
 * Joins MPEG-TS segments, in order, into one MP4 without re-encoding. The segments are fed to
 * ffmpeg back to back as one transport stream (what the concat protocol does, without its
 * command-line length limit): their timestamps already continue from one to the next.
 */
export async function joinSegments(segments: string[], output: string): Promise<void> {
  if (segments.length === 0) throw new InvalidMediaInputError('no segments to join');
  const tool = startTool(
    resolveFfmpeg(),
    ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'mpegts', '-i', 'pipe:0', '-map', '0:v:0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', output],
    `joining ${segments.length} segments into ${output}`,
  );
  const { stdin } = tool.child;
  // Handled here so an early exit is not an unhandled rejection; awaited below for its reason.
  tool.exited.catch(() => undefined);
  try {
    for (const segment of segments) {
      await pipeline(createReadStream(segment), stdin, { end: false });
    }
  } catch (error) {
    // A broken pipe means ffmpeg stopped: its exit status and stderr explain why.
    await tool.exited;
    throw error;
  }
  stdin.end();
  await tool.exited;
}
