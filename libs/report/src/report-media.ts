import { readFile, stat } from 'node:fs/promises';
import { extname, relative, dirname, sep } from 'node:path';
import { EmbeddedMedia } from './embedded-media';
import { ReportMedia } from './report-html';

const DEFAULT_MAX_EMBEDDED_VIDEO = 8 * 1024 * 1024;

/**
 * The poster embedded, the video embedded when small, else as a path relative to the report
 * (so the report and the video can be moved together). Missing files become warnings: the report
 * of a failed run has no video, and that is not an error.
 */
export async function loadReportMedia(options: {
  reportFile: string;
  posterPath?: string;
  videoPath?: string;
  maxEmbeddedVideoBytes?: number;
}): Promise<{ media: ReportMedia; warnings: string[] }> {
  const media: ReportMedia = {};
  const warnings: string[] = [];
  if (options.posterPath) {
    try {
      const bytes = await readFile(options.posterPath);
      media.posterSrc = new EmbeddedMedia(imageType(bytes, options.posterPath), bytes);
    } catch (error) {
      warnings.push(`poster ${options.posterPath}: ${(error as Error).message}`);
    }
  }
  if (options.videoPath) {
    try {
      const { size } = await stat(options.videoPath);
      media.videoMimeType = extname(options.videoPath).toLowerCase() === '.webm' ? 'video/webm' : 'video/mp4';
      if (size <= (options.maxEmbeddedVideoBytes ?? DEFAULT_MAX_EMBEDDED_VIDEO)) {
        media.videoSrc = new EmbeddedMedia(media.videoMimeType, await readFile(options.videoPath));
      } else {
        media.videoSrc = relative(dirname(options.reportFile), options.videoPath).split(sep).map(encodeURIComponent).join('/');
      }
    } catch (error) {
      warnings.push(`video ${options.videoPath}: ${(error as Error).message}`);
    }
  }
  return { media, warnings };
}

function imageType(bytes: Buffer, path: string): string {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return extname(path).toLowerCase() === '.png' ? 'image/png' : 'image/jpeg';
}
