import { exitCodeFor } from './errors';
import { buildProgram } from './program';
import { commands } from './commands';

// `framefarm logs … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram(commands).parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help' || code === 'commander.version') return;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`framefarm: ${message}\n`);
    if (process.env.FRAMEFARM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = exitCodeFor(error);
  }
}

void main(process.argv);
