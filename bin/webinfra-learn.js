#!/usr/bin/env node
// Launcher: refuse old Node versions with a plain message, answer --version, then
// run the bundle (dist/cli.cjs) with V8's compiled code cached between runs.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const started = performance.now();
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(
    `webinfra-learn needs Node.js 20 or newer (this is ${process.versions.node}).\n` +
      'Install a current Node.js from https://nodejs.org and try again.\n',
  );
  process.exit(1);
}
// `webinfra-learn list | head` closes the pipe early: that is the reader's choice,
// not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

// `--version` needs nothing but the manifest: answer it without loading the app.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
} else {
  // WEBINFRA_LEARN_PROFILE=FILE: the start-up profile of `npm run bench -- startup`
  // (marks, what was loaded, the code cache's state) is written to FILE at the first
  // frame; see src/cli/startup-profile.ts.
  // A command that draws no frame (list, --help…) writes it at exit.
  const profile = process.env.WEBINFRA_LEARN_PROFILE;
  if (profile) {
    const trace = (globalThis.__webinfraLearnStartup = { marks: [['launcher', started]], loaded: [], cache: 'off' });
    process.once('exit', () => {
      if (trace.written) return;
      try {
        writeFileSync(profile, JSON.stringify(trace));
      } catch {
        // a profile is never a reason to fail
      }
    });
  }
  run(loadBundle(path.join(root, 'dist', 'cli.cjs')));
}

function run(bundle) {
  mark('bundle evaluated');
  bundle.main(argv).then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`webinfra-learn: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 1;
    },
  );
}

function mark(name) {
  globalThis.__webinfraLearnStartup?.marks.push([name, performance.now()]);
}

/**
 * Compiles and runs the CommonJS bundle like Node's own loader would, but through
 * `vm.Script` so V8's compiled code can be kept between runs (Node 20 has no compile
 * cache of its own). The cache lives in the platform's cache folder, is keyed by the
 * build's hash, the Node version and the CPU, is rebuilt when V8 rejects it (stale or
 * damaged), and is never a reason to fail: any problem with it only costs the time
 * the cache would have saved.
 */
function loadBundle(file) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(source);
  let cachedData;
  if (cacheFile) {
    try {
      const st = statSync(cacheFile);
      // A regular file of a sane size only (never a FIFO or a device).
      if (st.isFile() && st.size > 0 && st.size < 64 * 1024 * 1024) cachedData = readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  let script;
  try {
    script = new vm.Script(wrapper, { filename: file, cachedData });
  } catch (error) {
    if (!cachedData) throw error;
    cachedData = undefined; // V8 may refuse odd data outright: compile afresh
    script = new vm.Script(wrapper, { filename: file });
  }
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  const trace = globalThis.__webinfraLearnStartup;
  if (trace) trace.cache = !cacheFile ? 'off' : accepted ? 'used' : cachedData ? 'rejected' : 'absent';
  mark('bundle compiled');
  if (cacheFile && !accepted) {
    // Written at exit, so it holds the code of every function the run compiled.
    process.once('exit', () => writeCodeCache(cacheFile, script));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

/** Where this build's code cache lives, or undefined when caching is off. */
function codeCacheFile(source) {
  const env = process.env;
  if (env.WEBINFRA_LEARN_CODE_CACHE === '0') return undefined;
  const id = /\/\/# webinfra-learn-build=([0-9a-f]{16})\s*$/.exec(source.slice(-64))?.[1];
  if (!id) return undefined;
  const dir = cacheDir(env);
  if (!dir) return undefined;
  return path.join(dir, `code-${id}-v8-${process.versions.v8}-${process.arch}.v8`);
}

/** The platform's cache folder for the app (as env-paths names it, without its -nodejs suffix, like the config folder), or WEBINFRA_LEARN_HOME/cache. */
function cacheDir(env) {
  if (env.WEBINFRA_LEARN_HOME) return path.isAbsolute(env.WEBINFRA_LEARN_HOME) ? path.join(env.WEBINFRA_LEARN_HOME, 'cache') : undefined;
  const home = os.homedir();
  if (!home) return undefined;
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'webinfra-learn');
  if (process.platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'webinfra-learn', 'Cache');
  }
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(xdg, 'webinfra-learn');
}

/** Atomic write (temp file, then rename); old builds' caches are removed. Never throws. */
function writeCodeCache(file, script) {
  let temp;
  try {
    const data = script.createCachedData();
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    temp = undefined;
    for (const name of readdirSync(dir)) {
      if (name.startsWith('code-') && path.join(dir, name) !== file && /\.v8(\.\d+\.tmp)?$/.test(name)) {
        try {
          unlinkSync(path.join(dir, name));
        } catch {
          // another copy may be using it
        }
      }
    }
  } catch {
    // read-only or full disk: run without a cache next time too
    if (temp) {
      try {
        unlinkSync(temp);
      } catch {
        // nothing to clean
      }
    }
  }
}
