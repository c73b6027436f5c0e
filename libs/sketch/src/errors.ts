import type { SketchSetting } from './types';

/** A sketch that cannot be found, loaded or run: the message says which and what to fix. */
export class InvalidSketchError extends Error {
  override readonly name = 'InvalidSketchError';
}

/**
 * A setting the sketch exports in a way that only running it would tell (a call, an import): the
 * CLI reads what a sketch declares without running it, so the number must be written in the file.
 */
export class UnreadableSettingError extends InvalidSketchError {
  constructor(
    readonly filename: string,
    readonly setting: SketchSetting,
    /** Exported as something computed (a call, an import), or maybe exported from elsewhere (`export * from`, a spread). */
    readonly how: 'computed' | 'elsewhere',
  ) {
    super(
      (how === 'computed'
        ? `${filename} exports ${setting}, but not as a number written in the file (export const ${setting} = …): `
        : `${filename} may export ${setting} from elsewhere (export * from, a spread, exports set in a way that is not read): `) +
        `framefarm reads what a sketch declares without running it. Write the number there, or give ${setting} when you run the sketch`,
    );
  }
}

/** esbuild could not bundle a user's sketch file. */
export class SketchBundleError extends Error {
  override readonly name = 'SketchBundleError';
}

/** Which part of a sketch was running: its top-level code, setup(), or draw() of a frame. */
export type SketchPhase = { kind: 'load' } | { kind: 'setup' } | { kind: 'draw'; frame: number };

export const describePhase = (phase: SketchPhase): string =>
  phase.kind === 'draw' ? `drawing frame ${phase.frame}` : phase.kind === 'setup' ? 'running setup()' : 'loading';

/**
 * The sketch's own code threw (or rejected) while it ran. `location` is the user's file:line:column
 * where it arose (from the bundle's source map), `sketchStack` the whole stack so mapped.
 */
export class SketchRuntimeError extends Error {
  override readonly name = 'SketchRuntimeError';
  constructor(
    readonly phase: SketchPhase,
    readonly thrown: { name: string; message: string },
    readonly location?: string,
    readonly sketchStack?: string,
  ) {
    super(`${location ? `${location}: ` : ''}the sketch threw while ${describePhase(phase)}: ${thrown.name}: ${thrown.message}`);
  }
}

/** The sketch did not finish a frame (or loading and setup()) within the run's frame time limit. */
export class SketchTimeoutError extends Error {
  override readonly name = 'SketchTimeoutError';
  constructor(
    readonly phase: SketchPhase,
    readonly limitSeconds: number,
  ) {
    super(
      phase.kind === 'draw'
        ? `frame ${phase.frame} did not finish within ${limitSeconds} s: the sketch's draw() may never return (if frames are just slow, raise the limit: --frame-timeout or FRAME_TIMEOUT_SECONDS)`
        : `the sketch did not finish ${describePhase(phase)} within ${limitSeconds} s: it may never return (if it is just slow, raise the limit: --frame-timeout or FRAME_TIMEOUT_SECONDS)`,
    );
  }
}

/** The sketch ended its own thread (process.exit, or anything else) before its job's frames were done. */
export class SketchExitError extends Error {
  override readonly name = 'SketchExitError';
  constructor(
    readonly phase: SketchPhase,
    readonly exitCode: number,
    calledExit: boolean,
  ) {
    super(
      calledExit
        ? `the sketch called process.exit(${exitCode}) while ${describePhase(phase)}; a sketch cannot end its job`
        : `the sketch's thread ended (exit code ${exitCode}) while ${describePhase(phase)}; a sketch cannot end its job`,
    );
  }
}
