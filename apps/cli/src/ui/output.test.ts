import { Command } from 'commander';
import { RunFailedError, UsageError } from '../errors';
import { buildProgram } from '../program';
import { askedForJson, jsonOption, Output, OutputStreams } from './output';

function captured(isTTY = false): OutputStreams & { out: string; err: string } {
  const streams = {
    out: '',
    err: '',
    isTTY,
    stdout: (text: string) => void (streams.out += text),
    stderr: (text: string) => void (streams.err += text),
  };
  return streams;
}

describe('Output: the one way every command writes', () => {
  it('with --json, stdout holds exactly one JSON document; text, notes, warnings and progress stay off stdout', () => {
    const streams = captured();
    const out = new Output(true, streams);
    out.text('human only\n');
    out.note('plan job submitted');
    out.warn('could not fetch the poster');
    const line = out.progress();
    line.show('rendering 1/2', true);
    line.done();
    out.result({ runId: 'r-1', frames: 12 }, 'run r-1 done');
    expect(streams.out.split('\n')).toEqual(['{"runId":"r-1","frames":12}', '']);
    expect(streams.err).toBe('plan job submitted\nframefarm: could not fetch the poster\nrendering 1/2\n');
  });

  it('in human mode, writes the text of the result and what came before it', () => {
    const streams = captured();
    const out = new Output(false, streams);
    out.text('[job] a line\n');
    out.result({ ignored: true }, 'run r-1 done');
    expect(streams.out).toBe('[job] a line\nrun r-1 done\n');
    expect(streams.err).toBe('');
  });

  it('writes one result per command', () => {
    const out = new Output(false, captured());
    out.result({}, 'once');
    expect(() => out.result({}, 'twice')).toThrow('one result');
  });

  it('redraws progress in place only on a terminal', () => {
    const tty = captured(true);
    const line = new Output(false, tty).progress();
    line.show('plan', true);
    line.show('rendering', true);
    line.done();
    expect(tty.err).toBe('\rplan\rrendering\n');
    const pipe = captured(false);
    const logged = new Output(false, pipe).progress();
    logged.show('plan', true);
    logged.show('plan', false);
    logged.show('rendering', true);
    expect(pipe.err).toBe('plan\nrendering\n');
  });

  it.each([
    [new UsageError('--fps must be at most 120'), 2],
    [Object.assign(new Error('no run r-9'), { name: 'RunNotFoundError' }), 2],
    [new RunFailedError('run r-1 failed'), 1],
  ])('reports %p with exit code %p: text, or one JSON error with --json, on stderr only', (error, exitCode) => {
    const human = captured();
    expect(new Output(false, human).fail(error)).toBe(exitCode);
    expect(human).toMatchObject({ out: '', err: `framefarm: ${error.message}\n` });
    const json = captured();
    expect(new Output(true, json).fail(error)).toBe(exitCode);
    expect(json.out).toBe('');
    expect(JSON.parse(json.err)).toEqual({ error: { name: error.name, message: error.message, exitCode } });
  });

  it('knows whether the command line asked for --json, even when it failed while parsing', async () => {
    const program = () =>
      buildProgram([
        (p) => void p.command('status').argument('<runId>').option(...jsonOption('the status')).option('--tail <n>').action(() => undefined),
      ]);
    const parsed = async (args: string[]): Promise<Command> => {
      const p = program().configureOutput({ writeErr: () => undefined });
      await p.parseAsync(['node', 'framefarm', ...args]).catch(() => undefined);
      return p;
    };
    expect(askedForJson(await parsed(['status', 'r-1', '--json']))).toBe(true);
    expect(askedForJson(await parsed(['status', 'r-1']))).toBe(false);
    expect(askedForJson(await parsed(['status', 'r-1', '--json', '--no-such-flag']))).toBe(true);
  });
});
