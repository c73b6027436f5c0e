/** Neither FFMPEG_PATH/FFPROBE_PATH, the npm-shipped binary nor PATH gave a usable executable. */
export class FfmpegNotFoundError extends Error {
  override readonly name = 'FfmpegNotFoundError';
}

/** ffmpeg or ffprobe failed; the message ends with the tail of its stderr. */
export class FfmpegError extends Error {
  override readonly name = 'FfmpegError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(stderrTail ? `${message}\n--- ffmpeg stderr (tail) ---\n${stderrTail}` : message);
  }
}

/** A finished video does not have the frames, pixel format or rate it must have. */
export class VideoVerificationError extends Error {
  override readonly name = 'VideoVerificationError';
}

/** A caller passed a frame or option that cannot be encoded. */
export class InvalidMediaInputError extends Error {
  override readonly name = 'InvalidMediaInputError';
}
