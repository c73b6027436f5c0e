#!/usr/bin/env node
// Compiles the project's WebAssembly text files into TypeScript modules that carry the binary
// (base64), so bundles and jobs need no .wasm file beside them. Run after editing a .wat file:
//
//   node tools/wasm/compile-wat.cjs
//
// It runs wabt's wat2wasm through npx (wabt is not a dependency: only this step needs it). Each
// module records the SHA-256 of the text it was compiled from, and the library's tests check
// that against the .wat, so an edit that was not compiled fails the tests.
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { basename, join } = require('node:path');

const WABT = 'wabt@1.0.39';
const root = join(__dirname, '..', '..');
/** .wat → the TypeScript module generated from it, and the names of its exports. */
const SOURCES = [
  { wat: 'libs/sketch/src/frame-checksum.wat', ts: 'libs/sketch/src/frame-checksum-wasm.ts', name: 'FRAME_CHECKSUM_WASM' },
  { wat: 'libs/sketch/src/frame-i420.wat', ts: 'libs/sketch/src/frame-i420-wasm.ts', name: 'FRAME_I420_WASM' },
];

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** The SHA-256 of a .wat file's text, as its generated module records it. */
const watHash = (wat) => sha256(readFileSync(join(root, wat), 'utf8'));

function compile({ wat, ts, name }) {
  const dir = mkdtempSync(join(tmpdir(), 'compile-wat-'));
  try {
    const out = join(dir, 'out.wasm');
    execFileSync('npx', ['--yes', `--package=${WABT}`, '--', 'wat2wasm', '--enable-threads', join(root, wat), '-o', out], { stdio: 'inherit' });
    const text = [
      `// Generated from ${basename(wat)} by tools/wasm/compile-wat.cjs (${WABT}): do not edit.`,
      `export const ${name}_SOURCE_SHA256 = '${watHash(wat)}';`,
      `export const ${name} = '${readFileSync(out).toString('base64')}';`,
      '',
    ].join('\n');
    writeFileSync(join(root, ts), text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { SOURCES, watHash };

if (require.main === module) for (const source of SOURCES) compile(source);
