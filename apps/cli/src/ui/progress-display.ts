import { LiveLine } from './live-line';
import { etaMs, progressLine, RunProgress } from './progress-line';

/** A run's live progress on stderr: one redrawn line on a terminal, a line per stage change elsewhere. */
export class ProgressDisplay {
  private lastStage?: string;
  private renderStartedMs?: number;
  private readonly line: LiveLine;

  constructor(
    stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {
    this.line = new LiveLine((text) => void stream.write(text), Boolean(stream.isTTY));
  }

  update(p: RunProgress): void {
    if (!this.enabled) return;
    if (p.stage === 'rendering' && this.renderStartedMs === undefined) this.renderStartedMs = p.elapsedMs;
    this.line.show(progressLine(p, etaMs(p, this.renderStartedMs)), p.stage !== this.lastStage);
    this.lastStage = p.stage;
  }

  done(): void {
    if (this.enabled) this.line.done();
  }
}
