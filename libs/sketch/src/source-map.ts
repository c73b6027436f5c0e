import { SourceMap } from 'node:module';

/** The inline source map bundleSketch appends to a bundle (esbuild's `sourcemap: 'inline'`). */
const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/** Where one position of a bundled sketch came from: `sketches/waves.ts:14:9`. */
export type SourceLocation = string;

/** Maps positions in a user's bundled sketch back to the files the user wrote. */
export interface SketchSourceMap {
  /** 1-based line and column in the bundle (as stack traces give them); undefined when unmapped. */
  original(line: number, column: number): SourceLocation | undefined;
}

/** The bundle's inline source map, or undefined for source without one (or with a broken one). */
export function inlineSourceMap(source: string): SketchSourceMap | undefined {
  const match = INLINE_MAP.exec(source.slice(-Math.min(source.length, 4 * 1024 * 1024)));
  if (!match) return undefined;
  let map: SourceMap;
  try {
    map = new SourceMap(JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
  return {
    original: (line, column) => {
      const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
      return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    },
  };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface MappedStack {
  /**
   * The stack as far as the sketch's own frames go, every position inside the bundle replaced by
   * the user's file:line:column; the render job's frames that called the sketch are left out.
   */
  stack: string;
  /** The first such position: where in the user's code the error arose. */
  location?: SourceLocation;
}

/**
 * Rewrites the frames of `stack` that point into the bundle evaluated as `filename`.
 * `firstLineShift` is what the loader put before the bundle's first line (its function wrapper).
 */
export function mapSketchStack(stack: string, filename: string, map: SketchSourceMap | undefined, firstLineShift = 0): MappedStack {
  let location: SourceLocation | undefined;
  const position = new RegExp(`${escapeRegExp(filename)}:(\\d+):(\\d+)`, 'g');
  const lines = stack.split('\n');
  let lastInside = -1;
  const mapped = lines.map((text, index) =>
    text.replace(position, (_whole, lineText: string, columnText: string) => {
      lastInside = index;
      const line = Number(lineText);
      const column = Number(columnText) - (line === 1 ? firstLineShift : 0);
      const original = map?.original(line, column) ?? `${filename}:${line}:${column}`;
      location ??= original;
      return original;
    }),
  );
  return { stack: (lastInside < 0 ? mapped : mapped.slice(0, lastInside + 1)).join('\n'), ...(location ? { location } : {}) };
}
