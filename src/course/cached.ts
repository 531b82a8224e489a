/**
 * The course loader behind a small on-disk cache, for the app's start-up path.
 *
 * Parsing ~30 lessons' YAML blocks costs ~100 ms on a cold VM (the yaml package's
 * lexer runs interpreted until the JIT warms up): a third of the whole start-up
 * budget. The cache key is a hash of every course file's name and content, the
 * scenario files the course was checked against, the folder, the cwd (problem paths
 * are relative to it) and this build of the app, so any edit reloads. On a hit neither
 * `yaml` nor `zod` is even imported; hashing the files costs ~1 ms.
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
}

interface CacheEntry {
  format: number;
  key: string;
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
  const key = opts.cacheFile ? courseKey(root, cwd, opts.scenariosDir) : undefined;
  if (key && opts.cacheFile) {
    const entry = readEntry(opts.cacheFile);
    if (entry && entry.key === key && scenariosUnchanged(entry.scenarios, opts.scenariosDir)) {
      return { ...entry.result, cache: 'hit' };
    }
  }
  const [{ loadCourse }, { scenarioLookupFromDir }] = await Promise.all([
    import('./load-course'),
    import('./scenario-nodes'),
  ]);
  const used: Record<string, string> = {};
  const base = opts.scenariosDir ? scenarioLookupFromDir(opts.scenariosDir) : undefined;
  const scenarios = base
    ? (id: string) => {
        used[id] = scenarioHash(opts.scenariosDir!, id);
        return base(id);
      }
    : undefined;
  const result = loadCourse(root, { scenarios, cwd });
  if (!key || !opts.cacheFile) return { ...result, cache: 'off' };
  writeEntry(opts.cacheFile, { format: FORMAT, key, scenarios: used, result });
  return { ...result, cache: 'miss' };
}

function courseKey(root: string, cwd: string, scenariosDir: string | undefined): string | undefined {
  const hash = createHash('sha1');
  hash.update(`${FORMAT}\0${root}\0${cwd}\0${scenariosDir ?? ''}\0${buildId()}\0`);
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
