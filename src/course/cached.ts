/**
 * The course loader behind an on-disk cache, for the app's start-up path.
 *
 * Loading the course in a fresh process costs ~70-100 ms of a start-up budget of a
 * few hundred (300-500 ms when blocks need the yaml package, whose parser runs
 * interpreted until the JIT warms up). So the loaded course is kept as JSON, keyed by
 * a hash of every course file's name and content, of how problem paths are shown, and
 * of the scenario files the course was checked against: any edit reloads. On a hit neither `yaml` nor `zod` is
 * imported; hashing the files costs a millisecond or two.
 *
 * Two places are tried: a `prebuilt` file made at build time for the built-in course
 * (written by the same build as this code, so it needs no version check), then the
 * user's cache file (which also records the app build that wrote it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedCourse } from './load-course';

/** Bump when the loader's output changes shape or meaning. */
const FORMAT = 1;

export interface CachedLoadOptions {
  /** Folder of `<id>.yaml` scenario files the lessons are checked against. */
  scenariosDir?: string;
  /** Problem paths are relative to this folder when inside it (default: `process.cwd()`). */
  cwd?: string;
  /** Cache file; without it the course is simply loaded. */
  cacheFile?: string;
  /** A cache file made at build time (read-only, tried first). */
  prebuilt?: string;
}

interface CacheEntry {
  format: number;
  key: string;
  /** The app build that wrote a user cache entry (absent in prebuilt files). */
  build?: string;
  /** Scenario id → hash of its file text ('' = file missing) for every scenario looked up. */
  scenarios: Record<string, string>;
  result: LoadedCourse;
}

/**
 * Loads the course in `dir`, from the cache when nothing changed. Never throws: cache
 * problems (unreadable, corrupt, read-only folder) just mean a normal load.
 */
export async function loadCourseCached(
  dir: string,
  opts: CachedLoadOptions = {},
): Promise<LoadedCourse & { cache: 'hit' | 'miss' | 'off' }> {
  const root = path.resolve(dir);
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const key = opts.cacheFile || opts.prebuilt ? courseKey(root, cwd, opts.scenariosDir !== undefined) : undefined;
  if (key) {
    const candidates: [string | undefined, string | undefined][] = [
      [opts.prebuilt, undefined],
      [opts.cacheFile, buildId()],
    ];
    for (const [file, build] of candidates) {
      if (!file) continue;
      const entry = readEntry(file);
      if (entry && entry.key === key && entry.build === build && scenariosUnchanged(entry.scenarios, opts.scenariosDir)) {
        return { ...relocate(entry.result, root), cache: 'hit' };
      }
    }
  }
  const { result, scenarios } = await loadFresh(root, cwd, opts.scenariosDir);
  if (!key || !opts.cacheFile) return { ...result, cache: 'off' };
  writeEntry(opts.cacheFile, { format: FORMAT, key, build: buildId(), scenarios, result });
  return { ...result, cache: 'miss' };
}

/**
 * Writes the prebuilt cache for the course in `dir` (run by the build, for the
 * built-in course, with the same `cwd` and scenarios the app will use). Returns what
 * was loaded: a build should fail if it has error problems.
 */
export async function writePrebuiltCourse(
  dir: string,
  file: string,
  opts: { scenariosDir?: string; cwd?: string } = {},
): Promise<LoadedCourse> {
  const root = path.resolve(dir);
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const key = courseKey(root, cwd, opts.scenariosDir !== undefined);
  const { result, scenarios } = await loadFresh(root, cwd, opts.scenariosDir);
  if (key) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ format: FORMAT, key, scenarios, result } satisfies CacheEntry));
  }
  return result;
}

async function loadFresh(
  root: string,
  cwd: string,
  scenariosDir: string | undefined,
): Promise<{ result: LoadedCourse; scenarios: Record<string, string> }> {
  const [{ loadCourse }, { scenarioLookupFromDir }] = await Promise.all([
    import('./load-course'),
    import('./scenario-nodes'),
  ]);
  const used: Record<string, string> = {};
  const base = scenariosDir ? scenarioLookupFromDir(scenariosDir) : undefined;
  const scenarios = base
    ? (id: string) => {
        used[id] = scenarioHash(scenariosDir!, id);
        return base(id);
      }
    : undefined;
  return { result: loadCourse(root, { scenarios, cwd }), scenarios: used };
}

/** A cached course may have been made in another folder: point its absolute paths here. */
function relocate(result: LoadedCourse, root: string): LoadedCourse {
  const course = {
    ...result.course,
    root,
    chapters: result.course.chapters.map((c) => ({ ...c, dir: path.join(root, path.basename(c.dir)) })),
  };
  return { course, problems: result.problems };
}

function courseKey(root: string, cwd: string, checksScenarios: boolean): string | undefined {
  const hash = createHash('sha1');
  // Shown paths depend only on where the course sits relative to the cwd.
  hash.update(`${FORMAT}\0${path.relative(cwd, root)}\0${path.basename(root)}\0${checksScenarios}\0`);
  let top: string[];
  try {
    top = readdirSync(root).sort();
  } catch {
    return undefined; // let the loader report it
  }
  for (const name of top) {
    const full = path.join(root, name);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      // vanished or unreadable: the name alone goes into the key
    }
    hash.update(`d:${name}\0`);
    if (!isDir) continue;
    let files: string[] = [];
    try {
      files = readdirSync(full).sort();
    } catch {
      hash.update('unreadable\0');
    }
    for (const file of files) {
      hash.update(`f:${file}\0`);
      if (file.endsWith('.md') || file.endsWith('.yaml')) {
        try {
          hash.update(readFileSync(path.join(full, file)));
        } catch {
          hash.update('unreadable');
        }
        hash.update('\0');
      }
    }
  }
  return hash.digest('hex');
}

/** Identifies this build of the app, so a new version never trusts an old cache. */
let build: string | undefined;
function buildId(): string {
  if (build) return build;
  try {
    const self = fileURLToPath(import.meta.url);
    const st = statSync(self);
    build = `${self}:${st.size}:${st.mtimeMs}`;
  } catch {
    build = import.meta.url;
  }
  return build;
}

function scenarioHash(dir: string, id: string): string {
  try {
    return createHash('sha1').update(readFileSync(path.join(dir, `${id}.yaml`))).digest('hex');
  } catch {
    return '';
  }
}

function scenariosUnchanged(used: Record<string, string>, dir: string | undefined): boolean {
  if (!dir) return Object.keys(used).length === 0;
  return Object.entries(used).every(([id, h]) => scenarioHash(dir, id) === h);
}

function readEntry(file: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
    if (entry?.format !== FORMAT || typeof entry.key !== 'string' || !entry.result?.course) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entry: CacheEntry): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next start some time.
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
  }
}
