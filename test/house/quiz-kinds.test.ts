/**
 * Adding a quiz kind touches the files CONTRIBUTING.md lists ("Add a quiz kind")
 * and no others. A file needs a change for a new kind when it branches on kinds by
 * name (`kind === 'order'`, `case 'text':`, a `kind: 'single'` literal) or holds a
 * table over every kind (`[K in QuestionKind]`, which the type-checker makes the new
 * kind fill in). This finds every such file in src/ and checks it is listed there;
 * the course loader and its schemas in particular name no kind (they read each
 * kind's schema and checks through the registry).
 *
 * The other half of the claim, that the loader, `validate`, the grader and the
 * session need nothing more than the registry, is test/ui/quiz-kind-fixture.test.tsx.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionKinds } from '../../src/quiz/registry';

const root = path.join(import.meta.dirname, '..', '..');
const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) ? [rel(p)] : [];
  });
}

/** The `src/…` paths named in CONTRIBUTING.md's "Add a quiz kind" section, `<kind>` as a pattern. */
function listedFiles(): RegExp[] {
  const text = readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
  const section = /^## Add a quiz kind\n([\s\S]*?)^## /m.exec(text)?.[1] ?? '';
  const paths = [...section.matchAll(/`(src\/[^`\s]+)`/g)].map((m) => m[1]!);
  return paths.map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('<kind>', '[^/]+')}$`));
}

const KINDS = questionKinds();
const names = KINDS.map((k) => k.replace(/[-]/g, '\\-')).join('|');
/** A branch on a kind by name, or a literal naming one as a question's kind. */
const BRANCH = new RegExp(`(?:\\bkind\\s*[!=]==\\s*|\\bcase\\s+|\\bliteral\\(\\s*|\\bkind:\\s*)'(?:${names})'`);
/** A table every kind must fill in. */
const TABLE = /\bin QuestionKind\]|Record<QuestionKind\b/;

/** Files that name a quiz kind (only a file that sees questions, through quiz/ or course/, can). */
function filesNamingKinds(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const src = readFileSync(path.join(root, file), 'utf8');
    if (!/^src\/(quiz|course)\//.test(file) && !/\bfrom\s+['"][^'"]*\/(?:quiz|course)\//.test(src)) continue;
    const hits = src
      .split('\n')
      .map((line, i) => [i + 1, line] as const)
      .filter(([, line]) => BRANCH.test(line) || TABLE.test(line))
      .map(([n, line]) => `${file}:${n}: ${line.trim()}`);
    if (hits.length > 0) found.set(file, hits);
  }
  return found;
}

describe('adding a quiz kind', () => {
  const listed = listedFiles();
  const found = filesNamingKinds();

  it('CONTRIBUTING.md lists the files, and they exist', () => {
    expect(listed.length).toBeGreaterThanOrEqual(6);
    for (const kind of KINDS) {
      expect(sourceFiles(path.join(root, 'src', 'quiz', 'kinds')), `src/quiz/kinds/${kind}.ts`).toContain(`src/quiz/kinds/${kind}.ts`);
    }
  });

  it('touches no file outside that list: every file naming a kind is listed', () => {
    const unlisted = [...found].filter(([file]) => !listed.some((re) => re.test(file))).flatMap(([, hits]) => hits);
    expect(unlisted, 'these name a quiz kind but CONTRIBUTING.md "Add a quiz kind" does not list their file').toEqual([]);
  });

  it('the course loader and its schemas name no kind', () => {
    expect([...found.keys()].filter((f) => f.startsWith('src/course/'))).toEqual([]);
  });

  it('the detector sees the branches it is meant to see', () => {
    // If these stop being found, the patterns above have gone blind, not the code clean.
    expect(found.get('src/quiz/registry.ts')?.length).toBe(1);
    expect(found.get('src/ui/quiz/views.tsx')?.length).toBe(1);
    expect(found.get('src/ui/sr/controller.ts')?.some((h) => h.includes("case 'order':"))).toBe(true);
    expect(BRANCH.test("if (q.kind === 'order') {")).toBe(true);
    expect(BRANCH.test("style: 'text'")).toBe(false);
  });
});
