import { LineSplitter } from './log-splitter';
import { MAX_MESSAGE_BYTES } from '../logs/limits';
import type { LogEvent } from '../logs/log-store';

const collect = (max?: number) => {
  const events: LogEvent[] = [];
  return { events, splitter: new LineSplitter((e) => events.push(...e), max) };
};

describe('LineSplitter', () => {
  it('makes one event per line, across chunk boundaries, without the \\r of CRLF', () => {
    const { events, splitter } = collect();
    splitter.write('one\r\ntw');
    splitter.write('o\nthr');
    splitter.end();
    expect(events.map((e) => e.message)).toEqual(['one', 'two', 'thr']);
  });

  it('caps events at CloudWatch’s 256 KB and splits a longer line into several, losing nothing', () => {
    const { events, splitter } = collect();
    // 3 MiB without a newline, written in 64 KiB chunks like a pipe delivers them
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 48; i++) splitter.write(chunk);
    splitter.write('tail\n');
    const total = 48 * chunk.length + 4;
    expect(events.every((e) => Buffer.byteLength(e.message) <= MAX_MESSAGE_BYTES)).toBe(true);
    expect(events.length).toBe(Math.ceil(total / MAX_MESSAGE_BYTES));
    expect(events.slice(0, -1).every((e) => e.message.length === MAX_MESSAGE_BYTES)).toBe(true);
    expect(events.map((e) => e.message).join('')).toBe('x'.repeat(48 * chunk.length) + 'tail');
  });

  it('never cuts a multi-byte character in two', () => {
    const { events, splitter } = collect(10);
    splitter.write('ééééééééé\n'); // 18 bytes
    expect(events.map((e) => e.message)).toEqual(['ééééé', 'éééé']);
  });
});
