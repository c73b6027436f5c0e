import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonLines } from '../json-lines';

/** One CloudWatch Logs event. */
export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime?: number;
}

/**
 * CloudWatch Logs storage on disk, shared by the Batch engine (job output) and the Logs API:
 * `<dir>/<encoded group>/<encoded stream>.jsonl`, one JSON event per line, append-only, so it
 * survives restarts and a kill -9 loses at most the line being written.
 */
export class LogStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Dots are encoded too, so that the groups `.` and `..` (valid names) stay inside the store. */
  private groupDir(group: string): string {
    return join(this.dir, encodeURIComponent(group).replace(/\./g, '%2E'));
  }

  private streamFile(group: string, stream: string): string {
    return join(this.groupDir(group), `${encodeURIComponent(stream)}.jsonl`);
  }

  createGroup(group: string): void {
    mkdirSync(this.groupDir(group), { recursive: true });
  }

  hasGroup(group: string): boolean {
    return existsSync(this.groupDir(group));
  }

  hasStream(group: string, stream: string): boolean {
    return existsSync(this.streamFile(group, stream));
  }

  createStream(group: string, stream: string): void {
    this.createGroup(group);
    if (!this.hasStream(group, stream)) appendFileSync(this.streamFile(group, stream), '');
  }

  append(group: string, stream: string, events: LogEvent[]): void {
    if (events.length === 0) return this.createStream(group, stream);
    this.createGroup(group);
    const now = Date.now();
    const lines = events.map((e) => JSON.stringify({ ingestionTime: now, ...e })).join('\n');
    appendFileSync(this.streamFile(group, stream), `${lines}\n`);
  }

  /** Events of one stream in the order they were written. */
  read(group: string, stream: string): LogEvent[] {
    return readJsonLines<LogEvent>(this.streamFile(group, stream));
  }

  groups(): string[] {
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => decodeURIComponent(entry.name))
      .sort();
  }

  /** When the group was created (its directory's birth time where the file system records it). */
  groupCreatedAt(group: string): number | undefined {
    if (!this.hasGroup(group)) return undefined;
    const stat = statSync(this.groupDir(group));
    return Math.floor(stat.birthtimeMs || stat.ctimeMs);
  }

  streams(group: string): { name: string; lastWrite: number; bytes: number; createdAt: number }[] {
    if (!this.hasGroup(group)) return [];
    return readdirSync(this.groupDir(group))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => {
        const stat = statSync(join(this.groupDir(group), f));
        const createdAt = Math.floor(stat.birthtimeMs || stat.ctimeMs);
        return { name: decodeURIComponent(f.slice(0, -'.jsonl'.length)), lastWrite: stat.mtimeMs, bytes: stat.size, createdAt };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
