import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BatchSnapshot, JournalEntry } from './model';

const SNAPSHOT = /^snapshot-(\d+)\.json$/;
const JOURNAL = /^journal-(\d+)\.log$/;

export interface LoadedState {
  snapshot?: BatchSnapshot;
  entries: JournalEntry[];
}

/**
 * Durable state as generation `g`: `snapshot-g.json` (absent for g = 0) plus the append-only
 * `journal-g.log` of changes since. Compaction writes `snapshot-(g+1)` through a temp file and a
 * rename, so a crash at any point leaves one complete generation. Appends are buffered and
 * written in one `write` every few milliseconds (group commit), then made durable by an
 * `fdatasync` that runs off the event loop. Every entry gets a position (`append` returns it);
 * `durable(position)` resolves once every entry up to it is on disk. The engine awaits that before
 * it answers a request: a change waits for everything appended so far, a read only for the newest
 * change its answer shows, so whatever a client has seen survives a crash and a read does not
 * wait for other clients' changes.
 */
export class Journal {
  private fd: number;
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private entriesInGeneration = 0;
  private closed = false;
  /** Positions (entries appended since open, across compactions): appended, written with write(2), covered by an fdatasync. */
  private appended = 0;
  private written = 0;
  private synced = 0;
  private syncingFd: number | undefined;
  private retiredFd: number | undefined;
  private waiters: { position: number; resolve: () => void }[] = [];

  private constructor(
    private readonly dir: string,
    private generation: number,
    private readonly flushDelayMs: number,
  ) {
    this.fd = openSync(this.journalPath(generation), 'a');
  }

  /** Opens the newest complete generation of `dir` and returns what it holds. */
  static open(dir: string, flushDelayMs = 5): { journal: Journal; loaded: LoadedState } {
    mkdirSync(dir, { recursive: true });
    const files = readdirSync(dir);
    const snapshotGenerations = files.flatMap((f) => SNAPSHOT.exec(f)?.[1] ?? []).map(Number);
    const generation = snapshotGenerations.length > 0 ? Math.max(...snapshotGenerations) : 0;
    const snapshotFile = join(dir, `snapshot-${generation}.json`);
    const snapshot = existsSync(snapshotFile) ? (JSON.parse(readFileSync(snapshotFile, 'utf8')) as BatchSnapshot) : undefined;
    const journalFile = join(dir, `journal-${generation}.log`);
    const entries = existsSync(journalFile) ? parseJournal(readFileSync(journalFile, 'utf8')) : [];
    const journal = new Journal(dir, generation, flushDelayMs);
    journal.entriesInGeneration = entries.length;
    journal.removeOlderGenerations();
    return { journal, loaded: { snapshot, entries } };
  }

  /** Entries appended since the last snapshot; the owner compacts when this grows large. */
  get size(): number {
    return this.entriesInGeneration;
  }

  /** Buffers an entry; returns its position, for `durable`. */
  append(entry: JournalEntry): number {
    if (this.closed) return this.appended;
    this.buffer.push(JSON.stringify(entry));
    this.entriesInGeneration++;
    this.timer ??= setTimeout(() => this.flush(), this.flushDelayMs);
    return ++this.appended;
  }

  /** Writes what is buffered and starts making it durable in the background. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.buffer.length === 0) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    writeSync(this.fd, text);
    this.written = this.appended;
    this.startSync();
  }

  /** Resolves when every entry up to `position` (default: every entry appended so far) is on disk. */
  durable(position = this.appended): Promise<void> {
    if (this.synced >= position || this.closed) return Promise.resolve();
    if (this.written < position) this.flush();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private startSync(): void {
    if (this.syncingFd !== undefined || this.synced >= this.written || this.closed) return;
    const fd = (this.syncingFd = this.fd);
    const target = this.written;
    fdatasync(fd, (error) => {
      this.syncingFd = undefined;
      if (this.retiredFd === fd) {
        closeSync(fd);
        this.retiredFd = undefined;
      }
      if (error) console.error(`[batch] journal fdatasync failed: ${error.message}`);
      this.markSynced(target);
      this.startSync();
    });
  }

  private markSynced(position: number): void {
    this.synced = Math.max(this.synced, position);
    const ready = this.waiters.filter((w) => w.position <= this.synced);
    this.waiters = this.waiters.filter((w) => w.position > this.synced);
    for (const waiter of ready) waiter.resolve();
  }

  /** Everything written so far, synchronously (compaction, shutdown). */
  private syncNow(): void {
    fdatasyncSync(this.fd);
    this.markSynced(this.written);
  }

  /** Closes an fd now, or after the fdatasync still running on it. */
  private retire(fd: number): void {
    if (this.syncingFd === fd) this.retiredFd = fd;
    else closeSync(fd);
  }

  /** Replaces the journal with a snapshot of the whole state (taken after every appended entry). */
  compact(snapshot: BatchSnapshot): void {
    if (this.closed) return;
    this.flush();
    this.syncNow();
    const next = this.generation + 1;
    const target = join(this.dir, `snapshot-${next}.json`);
    const temp = `${target}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(snapshot));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    syncDirectory(this.dir);
    this.retire(this.fd);
    this.generation = next;
    this.fd = openSync(this.journalPath(next), 'a');
    this.entriesInGeneration = 0;
    this.removeOlderGenerations();
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.syncNow();
    this.closed = true;
    this.retire(this.fd);
  }

  private journalPath(generation: number): string {
    return join(this.dir, `journal-${generation}.log`);
  }

  private removeOlderGenerations(): void {
    for (const file of readdirSync(this.dir)) {
      const match = SNAPSHOT.exec(file) ?? JOURNAL.exec(file);
      const stale = (match && Number(match[1]) < this.generation) || file.endsWith('.json.tmp');
      if (stale) unlinkSync(join(this.dir, file));
    }
  }
}

/** Parses journal text; a line torn by a crash mid-write (only ever the last) is dropped. */
export function parseJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // torn tail
    }
  }
  return entries;
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}

