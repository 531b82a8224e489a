/**
 * What `npm publish` would ship: `npm pack --dry-run` lists the tarball, and this
 * checks it holds everything the app runs on (launcher, bundle, prebuilt course,
 * lessons, scenarios, licences) and nothing it doesn't (sources, tests, fixtures,
 * source maps, build metadata), with a manifest a stranger can trust.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  files: string[];
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

function packed(): { files: Map<string, number>; size: number } {
  const out = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [pack] = JSON.parse(out) as [{ files: { path: string; mode: number }[]; size: number }];
  return { files: new Map(pack.files.map((f) => [f.path, f.mode])), size: pack.size };
}

const walk = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? walk(rel) : [rel];
  });

describe('the published package', () => {
  const { files, size } = packed();

  it('holds everything the app runs on', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'THIRD_PARTY_LICENSES.txt', 'CHANGELOG.md', 'SECURITY.md', 'bin/webinfra-learn.js', 'dist/cli.cjs', 'dist/course.json']) {
      expect(files.has(f), f).toBe(true);
    }
    for (const f of [...walk('lessons'), ...walk('assets')]) expect(files.has(f), f).toBe(true);
    // The launcher is executable once installed.
    expect((files.get('bin/webinfra-learn.js')! & 0o111) !== 0).toBe(true);
    expect(Object.values(manifest.bin)).toEqual(['bin/webinfra-learn.js']);
  });

  it('holds nothing else: no sources, tests, fixtures, source maps or build metadata', () => {
    const extra = [...files.keys()].filter(
      (f) => !/^(package\.json|README\.md|LICENSE|THIRD_PARTY_LICENSES\.txt|CHANGELOG\.md|SECURITY\.md|bin\/webinfra-learn\.js|dist\/(cli\.cjs|course\.json))$/.test(f) && !/^(lessons|assets)\//.test(f),
    );
    expect(extra).toEqual([]);
    expect([...files.keys()].filter((f) => /\.map$|^src\/|^test\/|^\.build\/|node_modules/.test(f))).toEqual([]);
    // A small download: the budget `npm run bench -- pack` also reports.
    expect(size).toBeLessThan(700 * 1024);
  });

  it('has a manifest a stranger can trust: licence, author, where to report bugs, no runtime dependencies', () => {
    for (const key of ['license', 'author', 'homepage', 'description']) expect(typeof manifest[key], key).toBe('string');
    expect((manifest.repository as { url?: string }).url).toMatch(/^git\+https:\/\//);
    expect((manifest.bugs as { url?: string }).url).toMatch(/^https:\/\//);
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toContain('MIT License');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.scripts.prepublishOnly).toBe('npm test');
  });

  it('its version has a CHANGELOG entry', () => {
    const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## \\[${manifest.version.replaceAll('.', '\\.')}\\]`, 'm'));
  });
});
