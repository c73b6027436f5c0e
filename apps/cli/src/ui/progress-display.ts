import { LiveLine } from './live-line';
import { etaMs, progressLine, RunProgress } from './progress-line';

/** A run's live progress (see Output.progress): one redrawn line on a terminal, a line per stage change elsewhere. */
export class ProgressDisplay {
  private lastStage?: string;
  private renderStartedMs?: number;

  constructor(private readonly line: LiveLine) {}

  update(p: RunProgress): void {
    if (p.stage === 'rendering' && this.renderStartedMs === undefined) this.renderStartedMs = p.elapsedMs;
    this.line.show(progressLine(p, etaMs(p, this.renderStartedMs)), p.stage !== this.lastStage);
    this.lastStage = p.stage;
  }

  done(): void {
    this.line.done();
  }
}
