/**
 * Reads a course folder (`lessons/`) into the Course model and reports every problem
 * as `file:line: message`. Malformed input never throws: it becomes problems, and as
 * much of the course as can be understood is still returned (a lesson minus its broken
 * step), so an author previewing a course sees the rest of it.
 *
 * Synchronous on purpose: it runs once on the start-up path, reads a few dozen small
 * files, and a sync loop is cheaper than scheduling that many promises.
 */
import { readdirSync, statSync } from 'node:fs';
import { readTextFile } from '../read-text-file';
import { pageSizeWarning, safeText, textWarnings } from './safe-text';
import path from 'node:path';
import { questionProblems, scenarioRefs } from '../quiz/check';
import { isQuestionKind, questionKinds, quizKind } from '../quiz/registry';
import type { Question } from '../quiz/types';
import { parseAtSpec } from './at-spec';
import { LAB_TOOL_EVENTS, labKeyProblems } from './lab-extras';
import { EVENT_TYPES, METRICS as SIM_METRICS, NODE_METRIC } from '../sim/spec/vocabulary';
import type { ScenarioLookup } from './scenario-nodes';
import {
  chapterSchema,
  diagramSchema,
  eventConditionSchema,
  frontMatterSchema,
  labSchema,
  metricConditionSchema,
  questionSchema,
  reviewSchema,
  buildSchema,
} from './schemas';
import { estimateMinutes } from './duration';
import { splitLesson, type BlockPart } from './split-lesson';
import type {
  Chapter,
  Course,
  CourseProblem,
  DiagramBlock,
  LabBlock,
  LabCheck,
  Lesson,
  ReviewBlock,
  BuildBlock,
  Step,
} from './types';
import { suggest } from '../text/suggest';
import { checkSchema, parseYamlBlock, type Path, type YamlBlock } from './yaml-block';

export interface LoadCourseOptions {
  /**
   * Resolves a scenario id to its node ids. When given, `diagram`, `lab`, `pick-node`
   * and `predict` steps are checked against it (unknown scenario or node = error);
   * when omitted those checks are skipped.
   */
  scenarios?: ScenarioLookup;
  /** Problem paths are relative to this folder when inside it (default: `process.cwd()`). */
  cwd?: string;
}

export interface LoadedCourse {
  course: Course;
  /** Every problem found, in file order then line order. */
  problems: CourseProblem[];
}

/** Report events and metrics the simulator emits (src/sim/spec/vocabulary.ts); others get a warning. */
const KNOWN_EVENTS: ReadonlySet<string> = new Set([...EVENT_TYPES, ...LAB_TOOL_EVENTS]);
const METRICS: ReadonlySet<string> = new Set(SIM_METRICS);

const NUMBERED = /^(\d+)[-_]/;

/** Loads the course in `dir`. Never throws. */
export function loadCourse(dir: string, opts: LoadCourseOptions = {}): LoadedCourse {
  return new Loader(dir, opts).run();
}

/** All problems of the course in `dir` (errors and warnings), without keeping the course. */
export function validateCourse(dir: string, opts: LoadCourseOptions = {}): CourseProblem[] {
  return loadCourse(dir, opts).problems;
}

interface PendingRef {
  lesson: string;
  file: string;
  line: number;
}

class Loader {
  private readonly root: string;
  private readonly cwd: string;
  private readonly problems: CourseProblem[] = [];
  private readonly lessonIds = new Map<string, string>();
  private readonly questionIds = new Map<string, string>();
  private readonly reviewRefs: PendingRef[] = [];

  constructor(
    dir: string,
    private readonly opts: LoadCourseOptions,
  ) {
    this.root = path.resolve(dir);
    this.cwd = path.resolve(opts.cwd ?? process.cwd());
  }

  run(): LoadedCourse {
    const course: Course = { root: this.root, chapters: [] };
    const rootName = this.display(this.root);
    let entries: string[];
    try {
      if (!statSync(this.root).isDirectory()) {
        this.add(rootName, 0, `${rootName} is not a folder`);
        return this.done(course);
      }
      entries = readdirSync(this.root);
    } catch (error) {
      this.add(rootName, 0, `cannot read course folder: ${describeFsError(error)}`);
      return this.done(course);
    }
    const chapterDirs = numbered(entries).filter((name) => isDir(path.join(this.root, name)));
    if (chapterDirs.length === 0) {
      this.add(rootName, 0, 'no chapters found: expected folders such as 01-<chapter-id>/ holding chapter.yaml');
    }
    const chapterIds = new Map<string, string>();
    for (const name of chapterDirs) {
      const chapter = this.loadChapter(path.join(this.root, name), name);
      if (!chapter) continue;
      const seen = chapterIds.get(chapter.id);
      if (seen) {
        this.add(this.display(path.join(chapter.dir, 'chapter.yaml')), 1, `chapter id '${chapter.id}' is already used by ${seen}`);
      }
      chapterIds.set(chapter.id, this.display(chapter.dir));
      course.chapters.push(chapter);
    }
    for (const ref of this.reviewRefs) {
      if (!this.lessonIds.has(ref.lesson)) {
        const hint = suggest(ref.lesson, [...this.lessonIds.keys()]);
        this.add(ref.file, ref.line, `review: unknown lesson '${ref.lesson}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
      }
    }
    return this.done(course);
  }

  private done(course: Course): LoadedCourse {
    // Files in discovery order, lines ascending within a file.
    const order = new Map<string, number>();
    this.problems.forEach((p) => order.has(p.file) || order.set(p.file, order.size));
    const problems = this.problems
      .map((p, i) => ({ p, i }))
      .sort((a, b) => order.get(a.p.file)! - order.get(b.p.file)! || a.p.line - b.p.line || a.i - b.i)
      .map(({ p }) => p);
    return { course, problems };
  }

  private display(abs: string): string {
    const rel = path.relative(this.cwd, abs);
    if (rel === '') return '.';
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
    return path.relative(path.dirname(this.root), abs) || path.basename(abs);
  }

  private add(file: string, line: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({ file, line, message, severity });
  }

  /** A file's text made safe for the terminal (safe-text.ts), with a warning per line that needed it. */
  private safe(file: string, text: string): string {
    for (const w of textWarnings(text)) this.add(file, w.line, w.message, 'warning');
    return safeText(text);
  }

  private loadChapter(dir: string, folder: string): Chapter | undefined {
    const folderId = folder.replace(NUMBERED, '');
    const yamlPath = path.join(dir, 'chapter.yaml');
    const yamlFile = this.display(yamlPath);
    let id = folderId;
    let title = folderId;
    let summary: string | undefined;
    let text: string | undefined;
    try {
      text = this.safe(yamlFile, readTextFile(yamlPath));
    } catch {
      this.add(yamlFile, 0, 'chapter.yaml is missing: it needs at least id and title');
    }
    if (text !== undefined) {
      const parsed = parseYamlBlock(text, 1);
      for (const p of parsed.problems) this.add(yamlFile, p.line, p.message, p.severity);
      if (parsed.block) {
        const checked = checkSchema(chapterSchema, parsed.block, 'chapter.yaml');
        for (const p of checked.problems) this.add(yamlFile, p.line, p.message);
        const v = (checked.value ?? salvage(parsed.block.value)) as Partial<{ id: string; title: string; summary: string }>;
        if (typeof v.id === 'string' && v.id) id = v.id;
        if (typeof v.title === 'string' && v.title) title = v.title;
        if (typeof v.summary === 'string') summary = v.summary;
        if (checked.value && id !== folderId) {
          this.add(
            yamlFile,
            parsed.block.lineOf(['id']),
            `chapter id '${id}' does not match its folder name '${folder}' (expected NN-${id})`,
            'warning',
          );
        }
      }
    }
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch (error) {
      this.add(this.display(dir), 0, `cannot read chapter folder: ${describeFsError(error)}`);
    }
    for (const name of entries) {
      if (name.endsWith('.md') && !NUMBERED.test(name) && name.toLowerCase() !== 'readme.md') {
        this.add(
          this.display(path.join(dir, name)),
          0,
          'lesson file names start with a number (e.g. 03-name.md) that sets their order; this one is ignored',
          'warning',
        );
      }
    }
    const lessons: Lesson[] = [];
    for (const name of numbered(entries.filter((n) => n.endsWith('.md')))) {
      const lesson = this.loadLesson(path.join(dir, name), id);
      if (lesson) lessons.push(lesson);
    }
    if (lessons.length === 0) {
      this.add(this.display(dir), 0, 'chapter has no lessons (NN-<slug>.md files): it is left out', 'warning');
      return undefined;
    }
    return { id, title, summary, lessons, dir };
  }

  private loadLesson(abs: string, chapterId: string): Lesson | undefined {
    const file = this.display(abs);
    let text: string;
    try {
      text = this.safe(file, readTextFile(abs));
    } catch (error) {
      this.add(file, 0, `cannot read lesson: ${describeFsError(error)}`);
      return undefined;
    }
    const split = splitLesson(text);
    for (const p of split.problems) this.add(file, p.line, p.message, p.severity);
    if (!split.frontMatter) return undefined;

    // Front matter: id and title, with a salvaged id when the rest is wrong.
    let meta: { id?: string; title?: string; minutes?: number } = {};
    let idLine = split.frontMatter.line;
    const fm = parseYamlBlock(split.frontMatter.text, split.frontMatter.line);
    for (const p of fm.problems) this.add(file, p.line, p.message, p.severity);
    if (fm.block) {
      if (fm.block.value === null || typeof fm.block.value !== 'object' || Array.isArray(fm.block.value)) {
        this.add(file, split.frontMatter.line, "front matter must be fields such as 'id: my-lesson' and 'title: …'");
      } else {
        const checked = checkSchema(frontMatterSchema, fm.block, 'front matter');
        for (const p of checked.problems) this.add(file, p.line, p.message);
        meta = checked.value ?? (salvage(fm.block.value) as typeof meta);
        idLine = fm.block.lineOf(['id']);
      }
    }
    const id = typeof meta.id === 'string' && /^[a-z0-9][a-z0-9._#-]*$/.test(meta.id) ? meta.id : undefined;
    if (!id) return undefined;
    const seen = this.lessonIds.get(id);
    if (seen) {
      this.add(file, idLine, `lesson id '${id}' is already used by ${seen}: this lesson is left out`);
      return undefined;
    }
    this.lessonIds.set(id, `${file}:${idLine}`);

    const steps: Step[] = [];
    const counters = { quiz: 0, lab: 0, review: 0, diagram: 0, build: 0 };
    for (const part of split.parts) {
      if (part.type === 'prose') {
        const tooLong = pageSizeWarning(part.text);
        if (tooLong) this.add(file, part.line, tooLong, 'warning');
        steps.push({ kind: 'page', markdown: part.text, pos: { file, line: part.line } });
        continue;
      }
      counters[part.kind]++;
      const step = this.loadBlock(part, file, id, counters[part.kind]);
      if (step) steps.push(step);
    }
    if (steps.length === 0) {
      this.add(file, idLine, 'lesson has no steps: add some text or a block after the front matter');
      return undefined;
    }
    return {
      id,
      title: typeof meta.title === 'string' && meta.title ? meta.title : id,
      // From the lesson's words, questions and labs (duration.ts), not the author's guess.
      minutes: estimateMinutes(steps),
      chapterId,
      file,
      steps,
    };
  }

  private loadBlock(part: BlockPart, file: string, lessonId: string, n: number): Step | undefined {
    const pos = { file, line: part.line };
    const parsed = parseYamlBlock(part.body, part.bodyLine);
    for (const p of parsed.problems) this.add(file, p.line, `${part.kind}: ${p.message}`, p.severity);
    if (!parsed.block) return undefined;
    const block = parsed.block;
    if (block.value === null || block.value === undefined) {
      this.add(file, part.line, `${part.kind} block is empty`);
      return undefined;
    }
    if (typeof block.value !== 'object' || Array.isArray(block.value)) {
      this.add(file, part.bodyLine, `${part.kind} block must be a set of 'field: value' lines`);
      return undefined;
    }
    const ctx = new BlockContext(this, file, block, part.kind, this.opts.scenarios);
    switch (part.kind) {
      case 'quiz': {
        const question = this.loadQuestion(ctx, part, lessonId, n);
        return question ? { kind: 'quiz', question, pos } : undefined;
      }
      case 'diagram': {
        const checked = checkSchema(diagramSchema, block, 'diagram');
        ctx.report(checked.problems);
        if (!checked.value) return undefined;
        const diagram = checked.value as DiagramBlock;
        const nodes = ctx.scenario(diagram.scenario, ['scenario']);
        if (nodes === null) return undefined;
        ctx.nodeList(nodes, diagram.highlight, ['highlight'], diagram.scenario);
        ctx.nodeList(nodes, diagram.show, ['show'], diagram.scenario);
        return { kind: 'diagram', diagram, pos };
      }
      case 'lab': {
        const lab = this.loadLab(ctx);
        return lab ? { kind: 'lab', lab, pos, id: `${lessonId}#lab${n}` } : undefined;
      }
      case 'review': {
        const checked = checkSchema(reviewSchema, block, 'review');
        ctx.report(checked.problems);
        if (!checked.value) return undefined;
        const review = checked.value as ReviewBlock;
        review.items.forEach((item, i) => {
          if (item.lesson) this.reviewRefs.push({ lesson: item.lesson, file, line: block.lineOf(['items', i, 'lesson']) });
        });
        return { kind: 'review', review, pos, id: `${lessonId}#review${n}` };
      }
      case 'build': {
        const checked = checkSchema(buildSchema, block, 'build');
        ctx.report(checked.problems);
        return checked.value ? { kind: 'build', build: checked.value as BuildBlock, pos } : undefined;
      }
    }
  }

  /**
   * A ```quiz block, through its kind's module (quiz/registry.ts): the kind's schema,
   * then its checks across fields (`problems`), then what it names in a scenario.
   * Nothing here depends on which kind it is.
   */
  private loadQuestion(ctx: BlockContext, part: BlockPart, lessonId: string, n: number): Question | undefined {
    const value = ctx.block.value as Record<string, unknown>;
    const kinds = questionKinds();
    if (value.kind === undefined) {
      ctx.error(['kind'], `quiz: missing 'kind' (one of ${kinds.join(', ')})`);
      return undefined;
    }
    if (typeof value.kind !== 'string' || !isQuestionKind(value.kind)) {
      const hint = typeof value.kind === 'string' ? suggest(value.kind, kinds) : undefined;
      ctx.error(
        ['kind'],
        `quiz: unknown kind '${String(value.kind)}'${hint ? ` (did you mean '${hint}'?)` : ` (one of ${kinds.join(', ')})`}`,
      );
      return undefined;
    }
    const kind = quizKind(value.kind);
    const label = `quiz (${kind.kind})`;
    const checked = checkSchema(questionSchema(kind.kind), ctx.block, label);
    ctx.report(checked.problems);
    if (!checked.value) return undefined;
    const q = { ...checked.value, id: checked.value.id ?? `${lessonId}#q${n}` } as Question;

    const seen = this.questionIds.get(q.id);
    if (seen) ctx.error(value.id ? ['id'] : [], `quiz: question id '${q.id}' is already used at ${seen}`);
    else this.questionIds.set(q.id, `${ctx.file}:${value.id ? ctx.block.lineOf(['id']) : part.line}`);

    for (const p of questionProblems(q)) {
      if (p.severity === 'warning') ctx.warn(p.path ?? [], `${label}: ${p.message}`);
      else ctx.error(p.path ?? [], `${label}: ${p.message}`);
    }
    const refs = scenarioRefs(q);
    if (refs) {
      const nodes = ctx.scenario(refs.scenario, ['scenario']);
      if (nodes === null) return undefined;
      for (const r of refs.nodes ?? []) ctx.nodeList(nodes, r.ids, r.path, refs.scenario);
      if (refs.at) ctx.atList(nodes, refs.at.specs, refs.at.path, refs.scenario);
    }
    return q;
  }

  private loadLab(ctx: BlockContext): LabBlock | undefined {
    const checked = checkSchema(labSchema, ctx.block, 'lab');
    ctx.report(checked.problems);
    if (!checked.value) return undefined;
    const raw = checked.value;
    const nodes = ctx.scenario(raw.scenario, ['scenario']);
    if (nodes === null) return undefined;
    ctx.atList(nodes, raw.at, ['at'], raw.scenario);
    ctx.atList(nodes, raw.show_me, ['show_me'], raw.scenario);
    for (const [i, field, message] of labKeyProblems(raw.keys, nodes)) ctx.error(['keys', i, field], message);
    const checks: LabCheck[] = [];
    let ok = true;
    raw.checks.forEach((c, i) => {
      const at: Path = ['checks', i, 'when'];
      const when = c.when as Record<string, unknown>;
      if ('event' in when) {
        const r = checkSchema(eventConditionSchema, ctx.block, 'lab', at);
        ctx.report(r.problems);
        if (!r.value) return void (ok = false);
        if (!KNOWN_EVENTS.has(r.value.event)) {
          ctx.warn([...at, 'event'], `lab: '${r.value.event}' is not an event the simulator reports${hintFrom(r.value.event, [...KNOWN_EVENTS])}`);
        }
        if (r.value.node) ctx.nodeList(nodes, [r.value.node], [...at, 'node'], raw.scenario);
        checks.push({ ...c, when: r.value });
      } else if ('metric' in when) {
        const r = checkSchema(metricConditionSchema, ctx.block, 'lab', at);
        ctx.report(r.problems);
        if (!r.value) return void (ok = false);
        const m = NODE_METRIC.exec(r.value.metric);
        if (m?.[1]) ctx.nodeList(nodes, [m[1]], [...at, 'metric'], raw.scenario);
        else if (!METRICS.has(r.value.metric)) {
          ctx.warn([...at, 'metric'], `lab: '${r.value.metric}' is not a report metric${hintFrom(r.value.metric, [...METRICS])}`);
        }
        checks.push({ ...c, when: r.value });
      } else {
        ctx.error(at, "lab: a check's 'when' needs either 'event:' or 'metric:'");
        ok = false;
      }
    });
    if (!ok) return undefined;
    return { ...raw, checks } as LabBlock;
  }

  /** Used by BlockContext. */
  problem(file: string, line: number, message: string, severity: 'error' | 'warning'): void {
    this.add(file, line, message, severity);
  }
}

/** Problem reporting and scenario checks for one block. */
class BlockContext {
  constructor(
    private readonly loader: Loader,
    readonly file: string,
    readonly block: YamlBlock,
    private readonly kind: string,
    private readonly lookup: ScenarioLookup | undefined,
  ) {}

  error(path: Path, message: string): void {
    this.loader.problem(this.file, this.block.lineOf(path), message, 'error');
  }

  warn(path: Path, message: string): void {
    this.loader.problem(this.file, this.block.lineOf(path), message, 'warning');
  }

  report(problems: { line: number; message: string }[]): void {
    for (const p of problems) this.loader.problem(this.file, p.line, p.message, 'error');
  }

  /**
   * Node ids of `name`: `undefined` when no look-up was given (checks skipped),
   * `null` when the scenario does not exist (the step cannot be shown).
   */
  scenario(name: string, path: Path): string[] | undefined | null {
    if (!this.lookup) return undefined;
    try {
      const s = this.lookup(name);
      if (s) return s.nodes;
      this.error(path, `${this.kind}: unknown scenario '${name}' (no assets/scenarios/${name}.yaml)`);
    } catch (error) {
      this.error(path, `${this.kind}: scenario '${name}' cannot be read: ${(error as Error).message}`);
    }
    return null;
  }

  nodeList(nodes: string[] | undefined, ids: string[] | undefined, path: Path, scenario: string): void {
    if (!nodes || !ids) return;
    ids.forEach((id, i) => {
      if (!nodes.includes(id)) {
        const at = path.length && typeof path[path.length - 1] === 'string' && ids.length > 1 ? [...path, i] : path;
        this.error(at, `${this.kind}: '${id}' is not a node of scenario '${scenario}'${nodeHint(id, nodes)}`);
      }
    });
  }

  atList(nodes: string[] | undefined, specs: string[] | undefined, path: Path, scenario: string): void {
    specs?.forEach((spec, i) => {
      const r = parseAtSpec(spec);
      if ('error' in r) this.error([...path, i], `${this.kind}: at ${r.error}`);
      else if (r.event.node) this.nodeList(nodes, [r.event.node], [...path, i], scenario);
    });
  }
}

function nodeHint(id: string, nodes: string[]): string {
  const hint = suggest(id, nodes);
  return hint ? ` (did you mean '${hint}'?)` : ` (nodes: ${nodes.join(', ')})`;
}

function hintFrom(word: string, options: string[]): string {
  const hint = suggest(word, options);
  return hint ? ` (did you mean '${hint}'?)` : '';
}

/** Plain object fields of a value that failed its schema, to keep what can be kept. */
function salvage(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Numbered entries (NN-name), ordered by number then name. */
function numbered(names: string[]): string[] {
  return names
    .filter((n) => NUMBERED.test(n))
    .sort((a, b) => Number(NUMBERED.exec(a)![1]) - Number(NUMBERED.exec(b)![1]) || a.localeCompare(b));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or folder';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  return e?.message ?? String(error);
}
