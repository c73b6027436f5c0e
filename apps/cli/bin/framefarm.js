#!/usr/bin/env node
// Launcher for the `framefarm` command. It (re)builds the esbuild bundles of the CLI and the three
// job programs when their sources are newer than the bundles, so `npx framefarm` works right after
// `npm ci` with no build step to remember, then runs the CLI bundle.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const apps = ['cli', 'plan', 'render', 'encode', 'dashboard'];
// The dashboard is a page (Vite builds its index.html); the others are esbuild bundles.
const bundle = (app) => path.join(root, 'dist', 'apps', app, app === 'dashboard' ? 'index.html' : 'main.cjs');
const SOURCE = /\.(ts|tsx|css|html)$/;

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

// A project's build settings beside its src/: project.json, tsconfig*.json, esbuild configs and plugins.
const BUILD_SETTING = /^(project\.json|tsconfig.*\.json|.*\.cjs)$/;

function newestBuildSetting(dir) {
  const settings = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && BUILD_SETTING.test(entry.name));
  return Math.max(0, ...settings.map((entry) => fs.statSync(path.join(dir, entry.name)).mtimeMs));
}

function bundlesAreStale() {
  const projects = ['apps', 'libs'].flatMap((top) => fs.readdirSync(path.join(root, top)).map((p) => path.join(root, top, p)));
  const sources = projects.map((p) => path.join(p, 'src')).filter((p) => fs.existsSync(p));
  const newestInput = Math.max(
    ...sources.map(newestSource),
    ...projects.filter((p) => fs.statSync(p).isDirectory()).map(newestBuildSetting),
    // Options shared by the job bundles' builds.
    newestBuildSetting(path.join(root, 'tools', 'build')),
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return apps.some((app) => !fs.existsSync(bundle(app)) || fs.statSync(bundle(app)).mtimeMs < newestInput);
}

if (bundlesAreStale()) {
  process.stderr.write('framefarm: building the bundles (first run or changed sources)…\n');
  const nx = require.resolve('nx/bin/nx.js', { paths: [root] });
  const build = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '-p', ...apps, '--output-style=static'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}\n${build.stderr}\nframefarm: the build failed; see the output above.\n`);
    process.exit(1);
  }
  // esbuild keeps the mtime of unchanged outputs; touch them so the check above settles.
  const now = new Date();
  for (const app of apps) fs.utimesSync(bundle(app), now, now);
}

process.env.FRAMEFARM_ROOT = process.env.FRAMEFARM_ROOT || root;
// Node 20 is supported here; the SDK's notice about its future Node 22 floor is noise in every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED || 'true';
require(bundle('cli'));
