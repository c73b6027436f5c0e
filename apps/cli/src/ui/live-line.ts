/**
 * The CLI's one way to show progress: on a terminal one line redrawn in place, elsewhere (CI,
 * pipes) a line only when something changed, so logs stay readable. `run` and `workflow` use it.
 */
export class LiveLine {
  private lastLength = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly isTTY: boolean,
  ) {}

  show(line: string, changed: boolean): void {
    if (this.isTTY) {
      this.write(`\r${line.padEnd(this.lastLength)}`);
      this.lastLength = line.length;
    } else if (changed) {
      this.write(`${line}\n`);
    }
  }

  /** Ends a redrawn line so what follows starts on its own. */
  done(): void {
    if (this.isTTY && this.lastLength > 0) this.write('\n');
    this.lastLength = 0;
  }
}
