// npm start and npm run cli: run the compiled JavaScript in dist/, compiling
// it first (tsc -p tsconfig.build.json) when dist/ is missing or older than
// the sources. The program runs in this same process, so signals sent to
// `npm start` (SIGTERM, Ctrl-C) reach the server itself.
//
//   node scripts/launch.mjs server | cli [args…]   run dist/src/<name>.js
//   node scripts/launch.mjs --build                 compile now (npm run build)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.built');
const SOURCES = ['src', 'workflows', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((p) => path.join(ROOT, p));

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(file).reduce((latest, name) => Math.max(latest, newest(path.join(file, name))), stat.mtimeMs);
}

function isStale() {
  if (!fs.existsSync(STAMP)) return true;
  return fs.statSync(STAMP).mtimeMs < Math.max(...SOURCES.map(newest));
}

/** One build at a time, across processes: a lock directory (mkdir is atomic), taken over if its owner died. */
function withLock(work) {
  const lock = path.join(ROOT, 'dist.lock');
  for (const started = Date.now(); ;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 5 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > 10 * 60_000) throw new Error(`${lock} has been held for 10 minutes: remove it if no build is running`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

class BuildError extends Error {}

function build() {
  let tsc;
  try {
    tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    throw new BuildError('dist/ is missing or older than src/, and TypeScript is not installed here (npm ci --omit=dev?).\n'
      + 'Run "npm run build" where the development dependencies are installed, and ship dist/ with the code.');
  }
  const started = new Date();
  // Compiled beside dist/ and swapped in whole, so no file of an older build is left behind.
  const staging = path.join(ROOT, `dist.building-${process.pid}`);
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', staging], { stdio: 'inherit' });
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new BuildError('The TypeScript build failed (above).');
  }
  fs.writeFileSync(path.join(staging, '.built'), `${started.toISOString()}\n`);
  // The stamp is dated when the build began: a source saved during the build makes the next start build again.
  fs.utimesSync(path.join(staging, '.built'), started, started);
  const previous = path.join(ROOT, `dist.previous-${process.pid}`);
  if (fs.existsSync(DIST)) fs.renameSync(DIST, previous);
  fs.renameSync(staging, DIST);
  fs.rmSync(previous, { recursive: true, force: true });
}

const [entry, ...args] = process.argv.slice(2);
if (entry !== '--build' && !['server', 'cli'].includes(entry)) {
  console.error('Usage: node scripts/launch.mjs server | cli [args…] | --build');
  process.exit(2);
}
try {
  if (entry === '--build') withLock(build);
  else if (isStale()) withLock(() => { if (isStale()) build(); });
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  console.error(error.message);
  process.exit(1);
}
if (entry !== '--build') {
  const file = path.join(DIST, 'src', `${entry}.js`);
  process.argv = [process.argv[0], file, ...args];
  await import(pathToFileURL(file).href);
}
