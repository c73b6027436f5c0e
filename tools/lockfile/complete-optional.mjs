#!/usr/bin/env node
// Names every optional dependency in package-lock.json, so `npm ci` accepts the lock file.
//
// Native packages (@napi-rs/canvas, @swc/core, esbuild, nx, …) list one optional dependency per
// platform. The registry this project is developed against serves only this machine's platform
// packages (the others answer 404), so `npm install` leaves the others out of the lock, and
// `npm ci` then refuses it ("Missing: …@ from lock file"). An entry with just the version and
// `optional: true` satisfies `npm ci`; each machine still fetches only its own platform's package,
// and a registry that has the others resolves them as usual. Run after `npm install <pkg>`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const semver = createRequire(import.meta.url)('semver');
const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    // npm looks for a dependency next to its dependent first, then at the top.
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    const fits = (entry) => entry && semver.satisfies(entry.version, version);
    if (fits(packages[nested]) || fits(packages[top])) continue;
    if (!semver.valid(version)) {
      console.warn(`cannot name ${name}@${version} (a range) for ${path || 'the root'}: install it once where the registry has it`);
      continue;
    }
    packages[packages[top] ? nested : top] = { version, optional: true };
    added.push(`${name}@${version}`);
  }
}
if (added.length > 0) writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length > 0 ? `package-lock.json: named ${added.length} optional platform packages` : 'package-lock.json: complete');
