import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DesignFileError, designPath, loadDesignFile, parseDesignText, runnable, saveDesign, startingDesign } from '../../src/design/editor/files';
import { editorReducer, emptyDesign, initialEditorState, type EditorAction } from '../../src/design/editor/model';

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'design-files-'));
  env = { WEBINFRA_LEARN_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const build = (...actions: EditorAction[]) => actions.reduce(editorReducer, initialEditorState(emptyDesign(0))).design;

describe('design files', () => {
  it('keeps each task in the config folder, written atomically, and loads it back the same', () => {
    const d = build({ type: 'addServer' }, { type: 'setRole', id: 'server-1', role: 'web', on: true }, { type: 'setDb', id: 'server-1', db: 'primary' });
    const file = designPath(0, env);
    expect(file).toBe(path.join(home, 'designs', 'task-0.yaml'));
    saveDesign(file, d);
    expect(readdirSync(path.dirname(file))).toEqual(['task-0.yaml']);
    const back = loadDesignFile(file);
    expect(back.problems).toEqual([]);
    expect(back.design.nodes.map((n) => n.id)).toEqual(['server-1']);
    // Saving what was loaded writes the same text.
    const text = readFileSync(file, 'utf8');
    saveDesign(file, back.design);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('task N starts from the own design of task N, else of the task before, else from nothing', () => {
    expect(startingDesign(1, env)).toMatchObject({ from: '', problems: [] });
    expect(startingDesign(1, env).design.nodes).toEqual([]);
    const t0 = build({ type: 'addServer' }, { type: 'setRole', id: 'server-1', role: 'app', on: true });
    saveDesign(designPath(0, env), t0);
    const t1 = startingDesign(1, env);
    expect(t1.from).toBe(designPath(0, env));
    expect(t1.design.name).toBe('My design (task 1)');
    expect(t1.design.nodes.map((n) => n.id)).toEqual(['server-1']);
    saveDesign(designPath(1, env), build());
    expect(startingDesign(1, env).design.nodes).toEqual([]);
    expect(startingDesign(3, env).from).toBe(designPath(1, env));
  });

  it('opens a design in progress that cannot run yet, with its problems as file:line', () => {
    const d = build({ type: 'addServer' }, { type: 'addLoadBalancer' });
    const file = path.join(home, 'wip.yaml');
    saveDesign(file, d);
    const loaded = loadDesignFile(file);
    expect(loaded.design.nodes.map((n) => n.id)).toEqual(['lb-1', 'server-1']);
    expect(loaded.problems.length).toBeGreaterThan(0);
    for (const p of loaded.problems) expect(p).toMatch(/wip\.yaml:\d+: /);
    expect(runnable(loaded.design, file).scenario).toBeUndefined();
  });

  it('refuses a file that is not a design, with file:line', () => {
    const bad = path.join(home, 'bad.yaml');
    writeFileSync(bad, 'name: x\nnodes:\n  - { id: a, kind: server\n');
    expect(() => loadDesignFile(bad)).toThrow(DesignFileError);
    expect(() => loadDesignFile(bad)).toThrow(/bad\.yaml:\d+: YAML syntax/);
    writeFileSync(bad, 'name: x\nworkload: { rate_rps: 10 }\nnodes:\n  - { id: a, kind: router }\n');
    expect(() => loadDesignFile(bad)).toThrow(/bad\.yaml:4: /);
    expect(() => loadDesignFile(path.join(home, 'missing.yaml'))).toThrow(/cannot be read \(ENOENT\)/);
    expect(() => parseDesignText('- just\n- a list\n', 'list.yaml')).toThrow(/list\.yaml:1: /);
  });

  it('a hand-written scenario opens as it is', () => {
    const loaded = loadDesignFile(path.join('assets', 'scenarios', 'scale-up.yaml'), 3);
    expect(loaded.problems).toEqual([]);
    expect(loaded.design.nodes).toHaveLength(8);
  });

  it('leaves no temp file when a save fails', () => {
    const blocker = path.join(home, 'designs');
    writeFileSync(blocker, 'a file where the folder should be');
    expect(() => saveDesign(designPath(0, env), build())).toThrow();
    mkdirSync(path.join(home, 'ok'));
    expect(existsSync(path.join(home, 'ok'))).toBe(true);
    expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
