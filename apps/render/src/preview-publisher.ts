/** How often a rendering chunk shows its latest frame in the dashboard. */
export const PREVIEW_EVERY_MS = 3000;

/**
 * Publishes a preview of the latest frame now and then, never holding up the render: at most one
 * every `everyMs`, never two at once, and a failed upload only skips that preview (a preview is a
 * convenience; the chunk's own result never depends on it).
 */
export class PreviewPublisher {
  private lastAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private failures = 0;

  constructor(
    /** Must take what it needs from `rgba` before its first await: the buffer is reused. */
    private readonly publish: (rgba: Buffer) => Promise<void>,
    private readonly onFailure: (error: unknown, failures: number) => void,
    private readonly everyMs = PREVIEW_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  offer(rgba: Buffer): void {
    const now = this.now();
    if (this.inFlight || now - this.lastAt < this.everyMs) return;
    this.lastAt = now;
    this.inFlight = this.publish(rgba)
      .catch((error: unknown) => this.onFailure(error, ++this.failures))
      .finally(() => {
        this.inFlight = undefined;
      });
  }

  /** Waits for a preview still being uploaded (before the job ends). */
  async settle(): Promise<void> {
    await this.inFlight;
  }
}
