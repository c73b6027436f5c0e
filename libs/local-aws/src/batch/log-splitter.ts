import type { LogEvent } from '../logs/log-store';
import { MAX_MESSAGE_BYTES } from '../logs/limits';

/** Where to cut `bytes` at most `max` bytes in without splitting a UTF-8 character. */
function utf8Cut(bytes: Buffer, max: number): number {
  let cut = Math.min(max, bytes.length);
  while (cut > 0 && cut < bytes.length && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}

/**
 * Splits a job's output stream into log events as the awslogs driver does: one event per line,
 * and a line longer than CloudWatch's event limit becomes several events of at most
 * MAX_MESSAGE_BYTES. A trailing partial line waits for more. Pending text is kept as a list of
 * chunks and only joined when a line or an event is complete, so a job that prints hundreds of
 * megabytes without a newline costs linear time and at most one event of memory.
 */
export class LineSplitter {
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly emit: (events: LogEvent[]) => void,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  write(text: string): void {
    const timestamp = Date.now();
    const events: LogEvent[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      this.add(text.slice(start, newline), events, timestamp);
      events.push({ timestamp, message: this.take().replace(/\r$/, '') });
      start = newline + 1;
    }
    if (start < text.length) this.add(text.slice(start), events, timestamp);
    if (events.length > 0) this.emit(events);
  }

  end(): void {
    if (this.pendingBytes > 0) this.emit([{ timestamp: Date.now(), message: this.take() }]);
  }

  /** Appends to the pending line, emitting full-size events while it is over the limit. */
  private add(piece: string, events: LogEvent[], timestamp: number): void {
    if (piece.length === 0) return;
    this.pending.push(piece);
    this.pendingBytes += Buffer.byteLength(piece, 'utf8');
    while (this.pendingBytes > this.maxBytes) {
      const bytes = Buffer.from(this.pending.join(''), 'utf8');
      const cut = utf8Cut(bytes, this.maxBytes);
      events.push({ timestamp, message: bytes.subarray(0, cut).toString('utf8') });
      const rest = bytes.subarray(cut).toString('utf8');
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = bytes.length - cut;
    }
  }

  private take(): string {
    const line = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    return line;
  }
}
