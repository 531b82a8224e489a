/**
 * Real-terminal harness: runs the BUILT app (`node bin/webinfra-learn.js …`) in a
 * pseudo-terminal and feeds its output into a headless xterm, so tests read the
 * screen a learner would see. Run `npm run build` first (`npm test` does).
 *
 * - `CI` is removed from the child's environment: with it, Ink draws
 *   non-interactively and none of this would be tested.
 * - Each app gets a fresh `WEBINFRA_LEARN_HOME` (progress lives there), unless a
 *   test passes one to share it between runs (restart/resume).
 * - Keys are written one per write; tests wait for screens with `waitFor`, never
 *   for fixed amounts of time.
 */
import { afterEach, beforeAll } from 'vitest';
import { spawn as spawnPty, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { spawn as spawnChild } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { Terminal } = xterm;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The launcher under test; WEBINFRA_LEARN_BIN points the tests at another build (e.g. an installed package). */
export const BIN = process.env.WEBINFRA_LEARN_BIN ?? path.join(ROOT, 'bin', 'webinfra-learn.js');
export const FIXTURE_COURSE = path.join(ROOT, 'test', 'fixtures', 'course');

export { KEY } from '../keys';

export interface LaunchOptions {
  cols?: number;
  rows?: number;
  /** Progress folder; a fresh temp dir when omitted (removed by `dispose`). */
  home?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Run this shell command line instead of the app (for checks after it exits). */
  shell?: string;
}

export interface PtyApp {
  /** The visible screen, lines joined by "\n", trailing spaces trimmed. */
  screen(): string;
  /** Every byte the app wrote so far. */
  output(): string;
  /** Wait until the screen contains `what` (or matches it); returns the screen. */
  waitFor(what: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Send one key (one write); returns once the app has drawn its answer. */
  press(key: string): Promise<void>;
  /** Resize the terminal (the app gets SIGWINCH). */
  resize(cols: number, rows: number): void;
  /** Resolves with the exit code when the process ends. */
  exited(timeoutMs?: number): Promise<number>;
  /** Send a signal to the app (SIGTERM, SIGHUP …). */
  signal(name: NodeJS.Signals): void;
  /** Kill if still running and remove the temp home. */
  dispose(): void;
  readonly home: string;
}

/** Clean environment for a child: no CI, a known terminal type, and our home. */
export function childEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.CI;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  env.TERM = 'xterm-256color';
  env.WEBINFRA_LEARN_HOME = home;
  // No code cache: each test has a fresh home, so every run would write one (a
  // megabyte, at exit, racing the home's removal). test/e2e/startup.test.ts turns it
  // on where it is what is tested.
  env.WEBINFRA_LEARN_CODE_CACHE = '0';
  return { ...env, ...extra };
}

/** A fresh temp folder for progress. */
export function tempHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'webinfra-learn-e2e-'));
}

/** Fail early with a useful message when the bundle is missing. */
export function assertBuilt(): void {
  if (!existsSync(path.join(path.dirname(BIN), '..', 'dist', 'cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build` before the e2e tests');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How long `press` waits for a key's redraw before sending on: a key that redraws nothing. */
const PRESS_LIMIT_MS = 1000;
/** Output quiet for this long after a key's redraw means the app is done with the key. */
const SETTLE_MS = 40;

/** Start `webinfra-learn <args>` in an 80×24 pseudo-terminal. */
export function launch(args: string[], opts: LaunchOptions = {}): PtyApp {
  assertBuilt();
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const ownHome = opts.home === undefined;
  const home = opts.home ?? tempHome();
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const [file, argv] = opts.shell ? ['/bin/sh', ['-c', opts.shell.replaceAll('bin/webinfra-learn.js', BIN)]] : [process.execPath, [BIN, ...args]];
  const pty: IPty = spawnPty(file, argv, { name: 'xterm-256color', cols, rows, cwd: ROOT, env: childEnv(home, opts.env) });

  let out = '';
  let pending = Promise.resolve();
  pty.onData((data) => {
    out += data;
    // xterm parses asynchronously; chain so screen() after `settled` sees everything.
    pending = pending.then(() => new Promise<void>((r) => term.write(data, r)));
  });
  let exitCode: number | undefined;
  const exit = new Promise<number>((resolve) =>
    pty.onExit(({ exitCode: code }) => {
      exitCode = code;
      resolve(code);
    }),
  );

  const screen = (): string => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\n+$/, '');
  };

  return {
    home,
    screen,
    output: () => out,
    async waitFor(what, timeoutMs = 10_000) {
      const start = Date.now();
      for (;;) {
        await pending;
        const s = screen();
        const ok = typeof what === 'string' ? s.includes(what) : what instanceof RegExp ? what.test(s) : what(s);
        if (ok) return s;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(what)}${exitCode !== undefined ? ` (the app exited with ${exitCode})` : ''}; screen was:\n${s}`);
        }
        await sleep(20);
      }
    },
    async press(key) {
      // Ink 6 hands keys that arrive in one read to the app as one input ("KK" is not
      // two K presses), so a key must not be sent while the previous one may still be
      // unread. The app answers a key by drawing: wait for output after the write,
      // then for the output to settle (a key can cause more than one frame). A slow
      // machine just waits longer. A key that draws nothing passes after the limit.
      const deadline = Date.now() + PRESS_LIMIT_MS;
      let seen = out.length;
      pty.write(key);
      while (out.length === seen && exitCode === undefined && Date.now() < deadline) await sleep(5);
      while (exitCode === undefined && Date.now() < deadline) {
        seen = out.length;
        await sleep(SETTLE_MS);
        if (out.length === seen) break;
      }
      await pending;
    },
    resize(c, r) {
      term.resize(c, r);
      pty.resize(c, r);
    },
    exited(timeoutMs = 10_000) {
      return Promise.race([
        exit,
        sleep(timeoutMs).then(() => {
          throw new Error(`the app did not exit within ${timeoutMs} ms; screen was:\n${screen()}`);
        }),
      ]);
    },
    signal(name) {
      pty.kill(name);
    },
    dispose() {
      if (exitCode === undefined) {
        try {
          pty.kill();
        } catch {
          // already gone
        }
      }
      term.dispose();
      if (ownHome) rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Run `webinfra-learn <args>` with stdin and stdout as pipes (not a terminal), as
 * when piped or run by a script. Resolves with the exit code and output, or rejects
 * if it hangs.
 */
export function runPiped(
  args: string[],
  opts: { home?: string; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  const home = opts.home ?? tempHome();
  return new Promise((resolve, reject) => {
    const child = spawnChild(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(home), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`webinfra-learn ${args.join(' ')} hung with piped stdin; output so far:\n${stdout}${stderr}`));
    }, opts.timeoutMs ?? 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (opts.home === undefined) rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin.write(opts.input);
    child.stdin.end();
  });
}

/**
 * `launch` for one test file of the live view: `start(args)` runs
 * `webinfra-learn <command> …args` (`sim` unless given) at 100×30 unless told
 * otherwise, and every app a test started is disposed after it. Call it at the top
 * level of the file (it registers the file's hooks).
 */
export function liveApps(defaults: LaunchOptions = { cols: 100, rows: 30 }): (args: string[], opts?: LaunchOptions & { command?: string }) => PtyApp {
  let apps: PtyApp[] = [];
  beforeAll(() => assertBuilt());
  afterEach(() => {
    for (const app of apps) app.dispose();
    apps = [];
  });
  return (args, opts = {}) => {
    const { command = 'sim', ...launchOpts } = opts;
    const app = launch([command, ...args], { ...defaults, ...launchOpts });
    apps.push(app);
    return app;
  };
}
