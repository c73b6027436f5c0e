import { etaMs, progressLine, RunProgress } from './progress-line';

/**
 * Live progress on a terminal (one line rewritten in place on stderr); elsewhere (CI, pipes) one
 * line per stage change, so logs stay readable.
 */
export class ProgressDisplay {
  private lastStage?: string;
  private renderStartedMs?: number;
  private lastLength = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {}

  update(p: RunProgress): void {
    if (!this.enabled) return;
    if (p.stage === 'rendering' && this.renderStartedMs === undefined) this.renderStartedMs = p.elapsedMs;
    const line = progressLine(p, etaMs(p, this.renderStartedMs));
    if (this.stream.isTTY) {
      this.stream.write(`\r${line.padEnd(this.lastLength)}`);
      this.lastLength = line.length;
    } else if (p.stage !== this.lastStage) {
      this.stream.write(`${line}\n`);
    }
    this.lastStage = p.stage;
  }

  done(): void {
    if (this.enabled && this.stream.isTTY && this.lastLength > 0) this.stream.write('\n');
    this.lastLength = 0;
  }
}
