import { Command } from 'commander';
import { UsageError } from './errors';
import { askedForJson } from './ui/output';

/**
 * Every command lives in `commands/<name>.ts` and exports `register(program)`.
 * Commander's own usage errors (unknown option, missing argument) exit with code 2, and are
 * reported like every other error (see Output.fail), also for commands added whole (`workflow`).
 */
export type RegisterCommand = (program: Command) => void;

const OUTPUT_HELP = `
Output:
  stdout carries a command's result only: text, or with --json exactly one JSON document (one line).
  Progress, notes, warnings and errors go to stderr; progress is redrawn in place on a terminal.
  With --json an error is one line on stderr: {"error":{"name","message","exitCode"}}.
  Exit codes: 0 done, 1 the work failed (a job, a run), 2 bad input (nothing was started).`;

export function buildProgram(commands: RegisterCommand[]): Command {
  const program = new Command('framefarm')
    .description('Render creative code to video with parallel AWS Batch jobs, on AWS or on this machine.')
    .addHelpText('after', OUTPUT_HELP);
  for (const register of commands) register(program);
  forEachCommand(program, (command) =>
    command
      .showHelpAfterError()
      // With --json the error is written once, as JSON, by the one error path (no usage text either).
      .configureOutput({ writeErr: (text) => void (askedForJson(program) || process.stderr.write(text)) })
      .exitOverride((err) => {
        if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') throw err;
        throw new UsageError(err.message.replace(/^error: /, ''));
      }),
  );
  return program;
}

function forEachCommand(command: Command, visit: (command: Command) => void): void {
  visit(command);
  for (const sub of command.commands) forEachCommand(sub, visit);
}
