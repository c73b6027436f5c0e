import { TooManyRequestsException } from './errors';

/** A token bucket: `perSecond` requests a second on average, bursts of up to `perSecond` (at least 1). */
export class RateLimit {
  private readonly burst: number;
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.burst = Math.max(1, perSecond);
    this.tokens = this.burst;
    this.refilledAt = now();
  }

  /** Takes one token or throws the 429 AWS answers with. */
  take(operation: string): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) throw new TooManyRequestsException(`Too Many Requests: ${operation} is limited to ${this.perSecond} calls per second`);
    this.tokens -= 1;
  }
}
