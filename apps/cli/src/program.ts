import { Command } from 'commander';
import { UsageError } from './errors';

/**
 * Every command lives in `commands/<name>.ts` and exports `register(program)`.
 * Commander's own usage errors (unknown option, missing argument) exit with code 2.
 */
export type RegisterCommand = (program: Command) => void;

export function buildProgram(commands: RegisterCommand[]): Command {
  const program = new Command('framefarm')
    .description('Render creative code to video with parallel AWS Batch jobs, on AWS or on this machine.')
    .showHelpAfterError()
    .exitOverride((err) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') throw err;
      throw new UsageError(err.message.replace(/^error: /, ''));
    });
  for (const register of commands) register(program);
  return program;
}
