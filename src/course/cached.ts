/**
 * The course loader with a prebuilt shortcut, for the app's start-up path.
 *
 * The build loads the built-in course once and stores the result in `dist/course.json`
 * (see `writePrebuiltCourse`), keyed by a hash of every course file's name and content
 * and of how problem paths are shown; it also records a hash of each scenario file the
 * lessons were checked against. At start-up the key is recomputed (a millisecond or
 * two): when it and the scenario hashes match, the stored course is used and neither
 * `yaml` nor `zod` is imported; otherwise, e.g. lessons edited after the build, the
 * course is loaded fresh. A prebuilt file is written by the same build as the code
 * reading it (the build empties dist/ first), so it needs no version check.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedCourse } from './load-course';

/** Bump when the loader's output changes shape or meaning. */
const FORMAT = 2; // 2: the course carries its scenarios and parsed lab timelines

export interface CachedLoadOptions {
  /** Folder of `<id>.yaml` scenario files the lessons are checked against. */
  scenariosDir?: string;
  /** Problem paths are relative to this folder when inside it (default: `process.cwd()`). */
  cwd?: string;
  /** A course file made at build time; without it the course is simply loaded. */
  prebuilt?: string;
}

interface PrebuiltEntry {
  format: number;
  key: string;
  /** Scenario id → hash of its file text ('' = file missing) for every scenario looked up. */
  scenarios: Record<string, string>;
  result: LoadedCourse;
}

/**
 * Loads the course in `dir`, from the prebuilt file when it was made from exactly
 * these files. Never throws: a missing, corrupt or stale prebuilt file just means a
 * normal load. `source` says which happened.
 */
export async function loadCourseCached(
  dir: string,
  opts: CachedLoadOptions = {},
): Promise<LoadedCourse & { source: 'prebuilt' | 'fresh' }> {
  const root = path.resolve(dir);
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  if (opts.prebuilt) {
    const entry = readEntry(opts.prebuilt);
    if (
      entry &&
      entry.key === courseKey(root, cwd, opts.scenariosDir !== undefined) &&
      scenariosUnchanged(entry.scenarios, opts.scenariosDir)
    ) {
      return { ...relocate(entry.result, root), source: 'prebuilt' };
    }
  }
  const { result } = await loadFresh(root, cwd, opts.scenariosDir);
  return { ...result, source: 'fresh' };
}

/**
 * Writes the prebuilt file for the course in `dir` (run by the build, for the
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
    writeFileSync(file, JSON.stringify({ format: FORMAT, key, scenarios, result } satisfies PrebuiltEntry));
  }
  return result;
}

async function loadFresh(
  root: string,
  cwd: string,
  scenariosDir: string | undefined,
): Promise<{ result: LoadedCourse; scenarios: Record<string, string> }> {
  const [{ loadCourse }, { chainedLookup, scenarioDirs, withScenarios }] = await Promise.all([import('./load-course'), import('./course-scenarios')]);
  const used: Record<string, string> = {};
  const dirs = scenarioDirs(root, scenariosDir);
  const chain = chainedLookup(dirs);
  const scenarios = chain
    ? (id: string) => {
        // Once per scenario: many blocks name the same one.
        if (scenariosDir && !(id in used)) used[id] = scenarioHash(scenariosDir, id);
        return chain(id);
      }
    : undefined;
  const loaded = loadCourse(root, { scenarios, cwd });
  return { result: { ...loaded, course: withScenarios(loaded.course, dirs) }, scenarios: used };
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

function readEntry(file: string): PrebuiltEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as PrebuiltEntry;
    if (entry?.format !== FORMAT || typeof entry.key !== 'string' || !entry.result?.course) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}
