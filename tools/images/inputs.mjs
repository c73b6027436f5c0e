#!/usr/bin/env node
// The inputs of the image check: what the images are built from (Dockerfiles, .dockerignore, the
// lock file) and the tool's code. Prints their SHA-256; `.ci/run` compares it with
// tools/images/verified-inputs.sha256, written by the tool after a passing run, and runs the tool
// only when they differ. Usage: node tools/images/inputs.mjs [--verified] (exit 1 if they differ).
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VERIFIED_FILE = path.join(root, 'tools/images/verified-inputs.sha256');

export async function inputFiles() {
  // The tool's code, not its README or the record of its last run.
  const tool = (await readdir(path.join(root, 'tools/images'))).filter((name) => name !== 'verified-inputs.sha256' && !name.endsWith('.md')).map((name) => `tools/images/${name}`);
  return ['.dockerignore', 'package-lock.json', 'apps/plan/Dockerfile', 'apps/render/Dockerfile', 'apps/encode/Dockerfile', ...tool].sort();
}

export async function inputsHash() {
  const hash = createHash('sha256');
  for (const file of await inputFiles()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = await inputsHash();
  if (!process.argv.includes('--verified')) {
    console.log(current);
  } else {
    const verified = (await readFile(VERIFIED_FILE, 'utf8').catch(() => '')).trim();
    if (verified === current) {
      console.log(`images: inputs unchanged since the last verified build (${current.slice(0, 12)})`);
    } else {
      console.log(`images: inputs changed (${verified.slice(0, 12) || 'never verified'} → ${current.slice(0, 12)})`);
      process.exit(1);
    }
  }
}
