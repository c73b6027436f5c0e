import type { Command } from 'commander';
import { exitCodeFor } from '../errors';
import { LiveLine } from './live-line';

/** Where a command writes; the process's streams outside tests. */
export interface OutputStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress is then one line redrawn in place. */
  isTTY: boolean;
}

export const processStreams = (): OutputStreams => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
});

/** What `framefarm <command> --json` writes on stderr when the command fails. */
export interface JsonError {
  error: { name: string; message: string; exitCode: number };
}

/**
 * The CLI's one way to write. stdout carries the command's result only: with `--json` exactly one
 * JSON document (one line), otherwise text for people. Everything else goes to stderr in both
 * modes: progress (redrawn in place on a terminal, a line per change elsewhere), notes, warnings
 * and errors (with `--json`, an error is one `JsonError` line).
 */
export class Output {
  private resultWritten = false;

  constructor(
    readonly json: boolean,
    private readonly streams: OutputStreams = processStreams(),
  ) {}

  /** The output a command's parsed flags ask for. */
  static of(flags: { json?: boolean }, streams?: OutputStreams): Output {
    return new Output(flags.json === true, streams);
  }

  /**
   * The command's result, once: the JSON document, or the human text (none when a command has
   * already said everything in human mode, e.g. a failed run on stderr).
   */
  result(value: unknown, human?: string): void {
    if (this.resultWritten) throw new Error('a command writes one result');
    this.resultWritten = true;
    if (this.json) this.streams.stdout(`${JSON.stringify(value)}\n`);
    else if (human) this.streams.stdout(human.endsWith('\n') ? human : `${human}\n`);
  }

  /** Human-mode text on stdout that comes before the result or instead of it, as it is produced (a log read page by page). */
  text(text: string): void {
    if (!this.json) this.streams.stdout(text);
  }

  /** What is going on, for people watching, in both modes (stderr). */
  note(text: string): void {
    this.streams.stderr(text.endsWith('\n') ? text : `${text}\n`);
  }

  warn(message: string): void {
    this.streams.stderr(`framefarm: ${message}\n`);
  }

  /** A live progress line on stderr. */
  progress(): LiveLine {
    return new LiveLine(this.streams.stderr, this.streams.isTTY);
  }

  /** Writes a failure on stderr and returns the exit code (2 for bad input, 1 otherwise). */
  fail(error: unknown): number {
    const exitCode = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    if (this.json) {
      const document: JsonError = { error: { name: error instanceof Error ? error.name : 'Error', message, exitCode } };
      this.streams.stderr(`${JSON.stringify(document)}\n`);
    } else {
      this.streams.stderr(`framefarm: ${message}\n`);
    }
    if (process.env.FRAMEFARM_DEBUG && error instanceof Error) this.streams.stderr(`${error.stack}\n`);
    return exitCode;
  }
}

/** Whether the command line asked for `--json` (as far as its options were read when it failed). */
export function askedForJson(command: Command): boolean {
  return command.opts().json === true || command.commands.some(askedForJson);
}

/** The `--json` flag, worded the same for every command that has it: `.option(...jsonOption('the summary'))`. */
export function jsonOption(what: string): [flags: string, description: string] {
  return ['--json', `print ${what} as one JSON document on stdout (progress, warnings and errors go to stderr)`];
}
