// The CLI: main.ts (main.cjs) puts the compile cache in place, then requires this bundle (cli.cjs).
import { buildProgram } from './program';
import { commands } from './commands';
import { askedForJson, Output } from './ui/output';
import { exitWhenOutputWritten } from '@framefarm/run-store';

// `framefarm logs … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(argv: string[]): Promise<void> {
  const program = buildProgram(commands);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help' || code === 'commander.version') return;
    process.exitCode = new Output(askedForJson(program)).fail(error);
  }
}

// Every command awaits its work (up and dashboard until they are stopped), so nothing is left when it returns.
void main(process.argv).then(() => exitWhenOutputWritten(typeof process.exitCode === 'number' ? process.exitCode : 0));
