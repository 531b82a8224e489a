/**
 * Every package the code imports is declared in package.json with an exact
 * version. A package that resolves only because another one depends on it
 * (chalk and string-width came in through Ink) can change or vanish with
 * that package's next release; esbuild bundles whatever it finds.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const scanned = ['src', 'test', 'scripts', 'bin', 'examples'];
const codeFile = /\.(?:ts|tsx|mjs|cjs|js)$/;
// Static imports, side-effect imports, dynamic imports and require().
const specifier =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\s$`]+)\1/g;

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name === 'node_modules' || name === 'golden' || name === 'fixtures') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return codeFile.test(name) ? [path] : [];
  });
}

/** `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`; null for relative and built-in. */
export function packageOf(spec: string): string | null {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('#')) return null;
  if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? '')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null);
}

/** Code in the scanned folders, and config files at the top (eslint.config.js …). */
function codeFiles(): string[] {
  const top = readdirSync(root)
    .filter((name) => codeFile.test(name))
    .map((name) => join(root, name));
  return [...top, ...scanned.flatMap((dir) => filesUnder(join(root, dir)))];
}

function importedPackages(): Map<string, string> {
  const firstSeen = new Map<string, string>();
  for (const file of codeFiles()) {
    for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
      const pkg = packageOf(match[2] ?? '');
      if (pkg && !firstSeen.has(pkg)) firstSeen.set(pkg, relative(root, file));
    }
  }
  return firstSeen;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const declared = { ...manifest.dependencies, ...manifest.devDependencies };

describe('declared dependencies', () => {
  it('reads package names from import specifiers', () => {
    expect(packageOf('ink')).toBe('ink');
    expect(packageOf('zod/mini')).toBe('zod');
    expect(packageOf('@xterm/headless')).toBe('@xterm/headless');
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('fs/promises')).toBeNull();
    expect(packageOf('../src/ui/app.js')).toBeNull();
  });

  it('declares every imported package', () => {
    const missing = [...importedPackages()]
      .filter(([pkg]) => !(pkg in declared))
      .map(([pkg, file]) => `${pkg} (imported by ${file})`);
    expect(missing).toEqual([]);
  });

  it('pins every package to an exact version', () => {
    const ranged = Object.entries(declared)
      .filter(([, version]) => !/^(?:npm:[^@]+@)?\d+\.\d+\.\d+$/.test(version))
      .map(([pkg, version]) => `${pkg}@${version}`);
    expect(ranged).toEqual([]);
  });
});
