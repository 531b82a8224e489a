/**
 * The installed package's root folder (where `lessons/` and `assets/` live).
 * Found by walking up from this module, because the bundle splits into chunks
 * (dist/chunks/…) and tests run from src/: the depth differs, the root does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'webinfra-learn') return (cached = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the webinfra-learn package folder');
    dir = parent;
  }
}

/** Built-in lessons folder. */
export const lessonsDir = (): string => path.join(packageRoot(), 'lessons');
/** Built-in scenarios folder. */
export const scenariosDir = (): string => path.join(packageRoot(), 'assets', 'scenarios');
