/** How often a rendering chunk shows its latest frame in the dashboard. */
export const PREVIEW_EVERY_MS = 3000;

/**
 * Publishes a preview of the latest frame now and then, never holding up the render: at most one
 * every `everyMs`, never two at once, and a failed upload only skips that preview (a preview is a
 * convenience; the chunk's own result never depends on it).
 */
export class PreviewPublisher<Preview = Buffer> {
  private lastAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private awaited = false;
  private failures = 0;

  constructor(
    /** Must take what it needs from `preview` before its first await: a frame's buffer is reused. */
    private readonly publish: (preview: Preview) => Promise<void>,
    private readonly onFailure: (error: unknown, failures: number) => void,
    private readonly everyMs = PREVIEW_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether a preview made now would be published: for a preview made ahead (the frame about to
   * be drawn); true once until that preview is offered.
   */
  due(): boolean {
    if (this.awaited || this.inFlight || this.now() - this.lastAt < this.everyMs) return false;
    return (this.awaited = true);
  }

  offer(preview: Preview): void {
    this.awaited = false;
    const now = this.now();
    if (this.inFlight || now - this.lastAt < this.everyMs) return;
    this.lastAt = now;
    this.inFlight = this.publish(preview)
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
