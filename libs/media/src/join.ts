import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
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
    // One pipeline for all segments: a pipeline per segment into the same stdin ({ end: false })
    // leaves its listeners on stdin, which warned (MaxListenersExceededWarning) past 10 segments.
    await pipeline(Readable.from(concatenated(segments)), stdin);
  } catch (error) {
    // A broken pipe means ffmpeg stopped: its exit status and stderr explain why.
    await tool.exited;
    throw error;
  }
  await tool.exited;
}

/** The bytes of the files, one after the other. */
async function* concatenated(files: string[]): AsyncGenerator<Buffer> {
  for (const file of files) {
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  }
}
