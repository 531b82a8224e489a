/**
 * Screen-reader mode's front end as a plain object: keys in, lines said out. Every
 * line is said once and never redrawn (the view prints them with Ink's <Static>);
 * the only thing that changes in place is one prompt line. It reuses the pure core
 * (course, quiz session, progress rules, labs judge, simulator, the diagram's text
 * alternative) and none of the drawn screens, so it reads top to bottom.
 */
import type { Course, Lesson, Step } from '../../course/types';
import { describeDiagram } from '../../diagram/describe';
import * as rules from '../../progress/progress';
import type { Progress, ProgressStore } from '../../progress/types';
import { currentAnswer, initQuizSession, quizReducer, type QuizAction, type QuizSessionState } from '../../quiz/session';
import { buildTopology } from '../../sim/spec/topology';
import type { Action } from '../../sim/types';
import { labKeys, showMeRecipe, type LabKey } from '../lab/lab-tools';
import { redispatchToggle, splitBrainWarning, workersStep } from '../lab/tuning';
import { parseLabAt } from '../lab/lab-step';
import { quitSummary } from '../sim-live';
import type { LiveSimOptions } from '../sim-live-options';
import { courseScenario, scenarioById } from '../lab/scenario-cache';
import { flatLessons, type LessonInfo } from '../progress-ops';
import { LabSession } from './lab-session';
import { BuildSession, type BuildSaid } from './build-session';
import { designPath, saveDesign, startingDesign } from '../../design/editor/files';
import type { TaskNumber } from '../../design/requirements';
import type { Scenario } from '../../sim/types';
import { keysSpoken, plainMarkdown } from './plain-text';

export type SrRole = 'list' | 'listitem' | 'radio' | 'radiogroup' | 'checkbox' | 'textbox' | 'option' | 'button' | 'progressbar' | 'timer';

/** One line said: its text and, for an element, its role and state (Ink's aria props). */
export interface SrLine {
  id: number;
  text: string;
  role?: SrRole;
  state?: { checked?: boolean; selected?: boolean; busy?: boolean };
}

export interface SrKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
}

type Mode =
  | { kind: 'map'; focus: number; typed: string }
  | { kind: 'step'; lesson: number; step: number }
  | { kind: 'sim' }
  | { kind: 'design' };

interface StepState {
  page?: { lines: string[]; shown: number };
  quiz?: QuizSessionState;
  /** order: the item picked up (presented index). */
  held?: number;
  /** pick-node: the machines offered. */
  nodes?: string[];
  lab?: LabSession;
  labKeys?: LabKey[];
  labId?: string;
  /** The lab's "show me" recipe and its things to try. */
  recipe?: ReturnType<typeof showMeRecipe>;
  hints?: string[];
  selected?: number;
  running?: boolean;
  /** A build step: the design editor told as lines. */
  build?: BuildSession;
}

/** Where the learner's designs are kept (tests give their own). */
export interface SrDesigns {
  open(task: TaskNumber): { design: Scenario; problems: string[]; file: string };
  save(file: string, design: Scenario): void;
}

const DESIGN_FILES: SrDesigns = {
  open: (task) => ({ ...startingDesign(task), file: designPath(task) }),
  save: saveDesign,
};

export interface SrOptions {
  course?: Course;
  store?: ProgressStore;
  progress?: Progress;
  startLesson?: string;
  /** The instructor view: one scenario, no course. */
  sim?: LiveSimOptions;
  /** `webinfra-learn design`: the editor of one task's design (opened by the command), no course. */
  design?: { task: TaskNumber; file: string; design: Scenario; problems: string[]; notice?: string };
  /** Where designs are opened and saved (default: the learner's config folder). */
  designs?: SrDesigns;
  rows?: number;
}

const SPEEDS = [0.5, 1, 2, 4, 10];

export class SrController {
  lines: SrLine[] = [];
  private nextId = 0;
  private mode: Mode;
  private st: StepState = {};
  private progress: Progress;
  private lessons: LessonInfo[];
  private speed = 1;
  done = false;
  exitMessage = '';
  /** Called after anything changed (the view re-renders). */
  onChange: () => void = () => undefined;

  /** A scenario of the course (its own scenarios/ folder first), or a built-in one for the instructor view. */
  private scenario(id: string): ReturnType<typeof scenarioById> {
    return this.opts.course ? courseScenario(this.opts.course, id) : scenarioById(id);
  }

  constructor(private readonly opts: SrOptions) {
    this.progress = opts.progress ?? rules.resetAll();
    this.lessons = opts.course ? flatLessons(opts.course) : [];
    if (opts.sim) {
      this.mode = { kind: 'sim' };
      this.speed = opts.sim.speed;
      this.startSim(opts.sim);
      return;
    }
    if (opts.design) {
      this.mode = { kind: 'design' };
      this.say(`webinfra-learn design editor, screen-reader mode. Everything is said once; press question mark for the keys, q to quit.`);
      if (opts.design.notice) this.say(`${opts.design.notice}.`);
      this.startBuild(opts.design.task, opts.design);
      return;
    }
    this.mode = { kind: 'map', focus: -1, typed: '' };
    const start = opts.startLesson ? this.lessons.findIndex((l) => l.lesson.id === opts.startLesson) : -1;
    this.say('webinfra-learn, screen-reader mode. Everything is said once, top to bottom; press question mark for the keys of each screen.');
    if (start >= 0) this.openStep(start, 0);
    else this.showMap();
  }

  // ------------------------------------------------------------------ output

  say(text: string, role?: SrRole, state?: SrLine['state']): void {
    this.lines.push({ id: this.nextId++, text, role, state });
  }

  private sayAll(texts: readonly string[], role?: SrRole): void {
    for (const t of texts) this.say(t, role);
  }

  /** The one line that changes in place: where keys go now. */
  prompt(): { text: string; role?: SrRole } {
    const m = this.mode;
    if (m.kind === 'map') return { text: `Lesson number: ${m.typed}` };
    if (this.st.build?.predicting) return { text: 'Will users see errors? y, n or Enter to skip:' };
    if (m.kind === 'sim' || this.st.lab) return { text: `${this.st.running ? 'Running' : 'Paused'} at ${this.st.lab!.nowS.toFixed(1)} s. Command:` };
    const q = this.st.quiz;
    if (q?.question.kind === 'text' && q.phase === 'answering' && q.focused) return { text: `Your answer: ${q.text}`, role: 'textbox' };
    return { text: 'Command:' };
  }

  private save(next: Progress): void {
    if (next === this.progress) return;
    this.progress = next;
    this.opts.store?.save(next);
    // A failed save is said once when it starts failing (and again on exit).
    const error = this.opts.store?.saveError;
    if (error && error !== this.saveError) this.say(`Warning: ${error}`);
    this.saveError = error;
  }

  private saveError: string | undefined;

  // ------------------------------------------------------------------ map

  private lessonLine(i: number): { text: string; done: boolean } {
    const { lesson } = this.lessons[i]!;
    const done = this.progress.completed.includes(lesson.id);
    const ids = lesson.steps.flatMap((s) => (s.kind === 'quiz' ? [s.question.id] : []));
    const answered = ids.filter((id) => this.progress.quizzes[id]);
    const right = answered.filter((id) => this.progress.quizzes[id]!.firstTryCorrect).length;
    const score = ids.length ? `, score ${right} of ${ids.length}${answered.length < ids.length ? ` (${ids.length - answered.length} not answered)` : ''}` : '';
    return { text: `${i + 1}. ${lesson.title}, ${done ? 'done' : 'not done'}${score}`, done };
  }

  private showMap(): void {
    this.mode = { kind: 'map', focus: -1, typed: '' };
    this.st = {};
    const course = this.opts.course!;
    const done = this.lessons.filter((l) => this.progress.completed.includes(l.lesson.id)).length;
    this.say(`Course map: ${this.lessons.length} lessons, ${done} done (${rules.overallPercent(course, this.progress)}%).`);
    let i = 0;
    for (const chapter of course.chapters) {
      const sc = rules.chapterScore(course, chapter.id, this.progress);
      this.say(`Chapter: ${chapter.title}, ${chapter.lessons.length} lessons, quiz score ${sc.correct} of ${sc.total}.`, 'list');
      for (const _ of chapter.lessons) {
        const line = this.lessonLine(i++);
        this.say(line.text, 'listitem', { checked: line.done });
      }
    }
    const cont = rules.continueTarget(course, this.progress);
    if (cont) this.say(`Continue: press c to go on with ${this.lessons.find((l) => l.lesson.id === cont.lesson)?.lesson.title ?? cont.lesson}.`);
    this.say(keysSpoken([['a number then Enter', 'to open that lesson'], ['up or down arrow', 'to move over the lessons'], ['c', 'to continue'], ['?', 'help'], ['q', 'to quit']]));
  }

  private mapKey(input: string, key: SrKey): void {
    const m = this.mode as Extract<Mode, { kind: 'map' }>;
    if (/^[0-9]$/.test(input)) {
      m.typed = (m.typed + input).slice(0, 3);
      return;
    }
    if (key.backspace || key.delete) {
      m.typed = m.typed.slice(0, -1);
      return;
    }
    if (key.upArrow || key.downArrow) {
      m.focus = Math.max(0, Math.min(this.lessons.length - 1, m.focus < 0 ? 0 : m.focus + (key.upArrow ? -1 : 1)));
      const line = this.lessonLine(m.focus);
      this.say(line.text, 'option', { selected: true, checked: line.done });
      return;
    }
    if (key.return) {
      if (!m.typed && m.focus < 0) return this.say('Type the number of a lesson, or move to one with the down arrow, then press Enter.');
      const n = m.typed ? Number(m.typed) - 1 : m.focus;
      m.typed = '';
      if (n < 0 || n >= this.lessons.length) return this.say(`There is no lesson ${n + 1}: the numbers go from 1 to ${this.lessons.length}.`);
      return this.openStep(n, 0);
    }
    if (input === 'c') {
      const cont = rules.continueTarget(this.opts.course!, this.progress);
      if (!cont) return this.say('Every lesson is done.');
      return this.openStep(this.lessons.findIndex((l) => l.lesson.id === cont.lesson), cont.step);
    }
    if (input === '?') return this.say(keysSpoken([['a number then Enter', 'to open that lesson'], ['up or down arrow', 'to move'], ['Enter', 'to open the lesson you moved to'], ['c', 'to continue'], ['q', 'to quit']]));
  }

  // ------------------------------------------------------------------ steps

  private get lesson(): Lesson {
    return this.lessons[(this.mode as Extract<Mode, { kind: 'step' }>).lesson]!.lesson;
  }

  private openStep(lessonIndex: number, stepIndex: number): void {
    this.stopLab();
    const lesson = this.lessons[lessonIndex]!.lesson;
    const index = Math.max(0, Math.min(stepIndex, lesson.steps.length - 1));
    this.mode = { kind: 'step', lesson: lessonIndex, step: index };
    this.st = {};
    this.save(rules.reachStep(this.progress, lesson.id, index));
    const step = lesson.steps[index]!;
    this.say(`Lesson ${lessonIndex + 1}, ${lesson.title}: step ${index + 1} of ${lesson.steps.length}, ${STEP_WORDS[step.kind]}.`);
    this.enterStep(step);
  }

  private enterStep(step: Step): void {
    switch (step.kind) {
      case 'page':
        this.st.page = { lines: plainMarkdown(step.markdown), shown: 0 };
        return this.morePage();
      case 'diagram': {
        const sc = this.scenario(step.diagram.scenario);
        if (step.diagram.caption) this.say(`Caption: ${step.diagram.caption}`);
        if (!sc.ok) this.say(`The diagram cannot be shown: ${sc.error}`);
        else {
          this.say('The diagram as a list, from the users to the database:');
          this.sayAll(describeDiagram(buildTopology(sc.scenario), undefined, { show: step.diagram.show, highlight: step.diagram.highlight }), 'listitem');
        }
        this.st.page = { lines: plainMarkdown(step.markdown ?? ''), shown: 0 };
        return this.morePage();
      }
      case 'quiz':
        return this.startQuiz(step.question);
      case 'review':
        return this.showReview(step);
      case 'lab':
        return this.startLab(step);
      case 'build':
        this.say(`Build step: build your own design of task ${step.build.task}, then check it and break it. It is the same design as in webinfra-learn design --task ${step.build.task}.`);
        return this.startBuild(step.build.task as TaskNumber);
    }
  }

  // ------------------------------------------------------------------ build

  private startBuild(task: TaskNumber, preloaded?: { design: Scenario; problems: string[]; file: string }): void {
    const designs = this.opts.designs ?? DESIGN_FILES;
    let opened: { design: Scenario; problems: string[]; file: string };
    try {
      opened = preloaded ?? designs.open(task);
    } catch (error) {
      return this.say(`Your design could not be opened: ${(error as Error).message}`);
    }
    this.st.build = new BuildSession({
      task,
      initial: opened.design,
      loadProblems: opened.problems,
      file: opened.file,
      inLesson: this.mode.kind === 'step',
      save: (design) => {
        try {
          designs.save(opened.file, design);
          return undefined;
        } catch (error) {
          return `${opened.file}: ${(error as Error).message}`;
        }
      },
    });
    this.sayBuild(this.st.build.intro());
  }

  private sayBuild(said: BuildSaid): void {
    for (const l of said) this.say(l.text, l.role);
  }

  private pageRows(): number {
    return Math.max(6, (this.opts.rows ?? 24) - 3);
  }

  private morePage(): void {
    const p = this.st.page!;
    const chunk = p.lines.slice(p.shown, p.shown + this.pageRows());
    this.sayAll(chunk);
    p.shown += chunk.length;
    if (p.shown < p.lines.length) this.say(`More on this page (${p.lines.length - p.shown} lines): press Space to read on. ${keysSpoken([['n', 'next'], ['p', 'previous']]).slice(6)}`);
    else this.say(keysSpoken([['n', 'next'], ['p', 'previous'], ['r', 'to read the step again'], ['m', 'the map'], ['?', 'help']]));
  }

  private move(by: 1 | -1): void {
    const m = this.mode as Extract<Mode, { kind: 'step' }>;
    const lesson = this.lesson;
    const to = m.step + by;
    if (to < 0) return this.say('This is the first step of the lesson.');
    if (to < lesson.steps.length) return this.openStep(m.lesson, to);
    this.save(rules.completeLesson(this.progress, lesson.id));
    this.say(`Lesson done: ${lesson.title}.`);
    if (m.lesson + 1 < this.lessons.length) return this.openStep(m.lesson + 1, 0);
    this.say('That was the last lesson of the course.');
    this.showMap();
  }

  private stepKey(input: string, key: SrKey): void {
    const step = this.lesson.steps[(this.mode as Extract<Mode, { kind: 'step' }>).step]!;
    const q = this.st.quiz;
    if (q && q.question.kind === 'text' && q.phase === 'answering' && q.focused) return this.textKey(input, key);
    if (this.st.lab && this.labKey(input, key)) return;
    if (this.st.build && input !== '?') {
      const said = this.st.build.key(input, key);
      if (said) return this.sayBuild(said);
    }
    if (q && this.quizKey(input, key)) return;
    if (step.kind === 'review' && this.reviewKey(input, step)) return;
    if (input === ' ' && this.st.page && this.st.page.shown < this.st.page.lines.length) return this.morePage();
    if (input === 'n' || key.rightArrow || (key.return && !q && !this.st.lab)) return this.move(1);
    if (input === 'p' || key.leftArrow) return this.move(-1);
    if (input === 'r') return this.openStep((this.mode as Extract<Mode, { kind: 'step' }>).lesson, (this.mode as Extract<Mode, { kind: 'step' }>).step);
    if (input === 'm') {
      this.stopLab();
      return this.showMap();
    }
    if (input === '?') return this.say(this.stepHelp(step));
  }

  private stepHelp(step: Step): string {
    const common: [string, string][] = [['n', 'next'], ['p', 'previous'], ['r', 'to repeat the step'], ['m', 'the map'], ['q', 'to quit']];
    if (step.kind === 'quiz') return keysSpoken([...this.quizKeys(), ...common]);
    if (step.kind === 'review') return keysSpoken([['a number', 'to mark or unmark that item'], ...common]);
    // In a lab, r is the load balancers' redispatch (as in the drawn lab), not "repeat".
    if (step.kind === 'lab') return keysSpoken([...this.labKeyWords(), ...common.filter(([k]) => k !== 'r' && k !== 'q')]);
    if (step.kind === 'build' && this.st.build) return `${this.st.build.help()} ${keysSpoken([['p', 'previous'], ['m', 'the map'], ['q', 'to quit']])}`;
    return keysSpoken([['Space', 'to read on'], ...common]);
  }

  // ------------------------------------------------------------------ quiz

  private startQuiz(question: Extract<Step, { kind: 'quiz' }>['question']): void {
    const previous = this.progress.quizzes[question.id] ?? null;
    this.st.quiz = initQuizSession(question, { previous, learner: this.progress.learner });
    if (previous) this.say(`Answered before: ${previous.firstTryCorrect ? 'right on the first try' : previous.solved ? 'solved after a retry' : 'not solved yet'}.`);
    this.say(`Question: ${question.prompt}`);
    if (question.kind === 'pick-node') {
      const sc = this.scenario(question.scenario);
      if (!sc.ok) return this.say(`The diagram cannot be shown: ${sc.error}`);
      const topology = buildTopology(sc.scenario);
      this.say('The diagram as a list:');
      this.sayAll(describeDiagram(topology), 'listitem');
      this.st.nodes = topology.nodes.filter((n) => n.kind !== 'users').map((n) => n.id);
    }
    this.sayChoices();
    this.say(keysSpoken(this.quizKeys()));
  }

  private quizKeys(): [string, string][] {
    const q = this.st.quiz!;
    if (q.phase === 'answered') return q.grade?.correct || q.revealed ? [['n', 'next']] : [['r', 'to try again'], ['s', 'to show the answer'], ['n', 'next']];
    switch (q.question.kind) {
      case 'single':
      case 'predict':
      case 'pick-node':
        return [['a number', 'to choose that answer'], ['Enter', 'to answer'], ['l', 'to list the choices again'], ['n', 'to skip']];
      case 'multiple':
        return [['a number', 'to tick or untick that answer'], ['Enter', 'to answer'], ['l', 'to list the choices again'], ['n', 'to skip']];
      case 'order':
        return [['a number', 'to pick up that item, then the number of its new place'], ['Enter', 'to answer with this order'], ['l', 'to list the order']];
      case 'text':
        return q.focused ? [['Enter', 'to answer'], ['Escape', 'to leave the field']] : [['Enter', 'to type your answer'], ['n', 'to skip']];
    }
  }

  /** The choices (or order, or machines) with their roles and states. */
  private sayChoices(): void {
    const q = this.st.quiz!;
    const question = q.question;
    if (question.kind === 'single' || question.kind === 'predict') {
      this.say(`${q.choiceOrder.length} choices, one answer:`, 'radiogroup');
      q.choiceOrder.forEach((c, i) => this.choiceLine(i, question.choices[c]!.text, q.selected === c, 'radio'));
    } else if (question.kind === 'multiple') {
      this.say(`${q.choiceOrder.length} choices, tick every right one:`, 'list');
      q.choiceOrder.forEach((c, i) => this.choiceLine(i, question.choices[c]!.text, q.ticked.includes(c), 'checkbox'));
    } else if (question.kind === 'order') {
      this.say(`The order being built, ${q.order.length} items, first to last:`, 'list');
      q.order.forEach((item, i) => this.say(`${i + 1}. ${item}${this.st.held === i ? ', picked up' : ''}`, 'listitem', { selected: this.st.held === i }));
    } else if (question.kind === 'pick-node' && this.st.nodes) {
      this.say(`${this.st.nodes.length} machines to pick from:`, 'radiogroup');
      this.st.nodes.forEach((n, i) => this.choiceLine(i, n, q.node === n, 'radio'));
    } else if (question.kind === 'text') {
      this.say(`Text field${question.placeholder ? ` (${question.placeholder})` : ''}: type the answer, Enter answers, Escape leaves the field.`, 'textbox');
    }
  }

  private choiceLine(i: number, text: string, checked: boolean, role: 'radio' | 'checkbox'): void {
    this.say(`${i + 1}. ${text}${checked ? '' : ', not checked'}`, role, { checked });
  }

  private dispatchQuiz(action: QuizAction): void {
    this.st.quiz = quizReducer(this.st.quiz!, action);
  }

  private quizKey(input: string, key: SrKey): boolean {
    const q = this.st.quiz!;
    const question = q.question;
    if (q.phase === 'answering') {
      const digit = /^[1-9]$/.test(input) ? Number(input) - 1 : -1;
      if (digit >= 0) {
        if (question.kind === 'pick-node') {
          const node = this.st.nodes?.[digit];
          if (!node) return true;
          this.dispatchQuiz({ type: 'pickNode', node });
          this.choiceLine(digit, node, true, 'radio');
          return true;
        }
        if (question.kind === 'order') {
          if (digit >= q.order.length) return true;
          if (this.st.held === undefined) {
            this.st.held = digit;
            this.say(`Picked up ${digit + 1}. ${q.order[digit]}: press the number of its new place.`, 'listitem', { selected: true });
          } else {
            const from = this.st.held;
            this.st.held = undefined;
            this.dispatchQuiz({ type: 'choose', index: from });
            this.dispatchQuiz({ type: 'moveItem', delta: digit - from });
            this.say(`Put ${q.order[from]} in place ${digit + 1}.`);
            this.sayChoices();
          }
          return true;
        }
        if (digit >= q.choiceOrder.length) return true;
        this.dispatchQuiz({ type: 'choose', index: digit });
        const s = this.st.quiz!;
        const c = s.choiceOrder[digit]!;
        const text = (question as { choices: { text: string }[] }).choices[c]!.text;
        this.choiceLine(digit, text, question.kind === 'multiple' ? s.ticked.includes(c) : true, question.kind === 'multiple' ? 'checkbox' : 'radio');
        return true;
      }
      if (input === 'l') {
        this.sayChoices();
        return true;
      }
      if (key.return) {
        if (question.kind === 'text') {
          this.dispatchQuiz({ type: 'focus', focused: true });
          return true;
        }
        this.submit();
        return true;
      }
      if (input === 's') {
        this.dispatchQuiz({ type: 'reveal' });
        this.save(rules.recordQuizAnswer(this.progress, question.id, false));
        this.sayGrade(true);
        return true;
      }
      return false;
    }
    if (input === 'r' && !q.grade?.correct && !q.revealed) {
      this.dispatchQuiz({ type: 'retry' });
      this.st.held = undefined;
      this.say('Try again.');
      this.sayChoices();
      this.say(keysSpoken(this.quizKeys()));
      return true;
    }
    if (input === 's' && !q.grade?.correct && !q.revealed) {
      this.dispatchQuiz({ type: 'reveal' });
      this.sayGrade(true);
      return true;
    }
    return false;
  }

  private textKey(input: string, key: SrKey): void {
    if (key.return) return this.submit();
    if (key.escape) {
      this.dispatchQuiz({ type: 'focus', focused: false });
      return this.say(`Left the field. ${keysSpoken([['Enter', 'to type again'], ['n', 'to skip'], ['s', 'to show the answer']]).slice(6)}`);
    }
    if (key.backspace || key.delete) return this.dispatchQuiz({ type: 'backspace' });
    if (key.ctrl && input === 'c') return this.quit();
    if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && !key.tab) this.dispatchQuiz({ type: 'type', text: input });
  }

  private submit(): void {
    const q = this.st.quiz!;
    const ans = currentAnswer(q);
    if ('notice' in ans) return this.say(ans.notice.replace(/Move to an answer with ↑↓ first\.?/, 'Press the number of an answer first.').replace(/↑↓/g, 'the numbers'));
    if (q.question.kind === 'text') this.say(`You answered: ${q.text}`, 'textbox');
    this.dispatchQuiz({ type: 'submit' });
    const after = this.st.quiz!;
    this.save(rules.recordQuizAnswer(this.progress, after.question.id, after.grade!.correct));
    // A prediction is checked against the run: the run is told first, then the verdict.
    if (after.question.kind === 'predict') this.runPredict(after.question);
    this.sayGrade();
  }

  /** The verdict, said once; `revealing` adds only what showing the answer adds. */
  private sayGrade(revealing = false): void {
    const q = this.st.quiz!;
    const g = q.grade;
    if (!g) return;
    if (g.correct) this.say(`Right. ${g.feedback ? `${g.feedback} ` : ''}${g.explain}`);
    else {
      if (q.lastAnswer === null) this.say('Shown without an answer: it counts as missed.');
      else if (!revealing) this.say(`Not right.${g.summary ? ` ${g.summary}` : ''}${g.feedback ? ` ${g.feedback}` : ''}`);
      if (q.revealed) {
        for (const n of g.revealNotes ?? []) this.say(n.text);
        this.say(`The answer: ${g.explain}`);
      }
    }
    this.say(keysSpoken(this.quizKeys()));
  }

  /** A predict question's run, told as its events and its numbers. */
  private runPredict(question: Extract<Step, { kind: 'quiz' }>['question'] & { kind: 'predict' }): void {
    const sc = this.scenario(question.scenario);
    if (!sc.ok) return this.say(`The run cannot be shown: ${sc.error}`);
    const { events } = parseLabAt(question.at);
    const session = new LabSession({ scenario: sc.scenario, engineOptions: { at: events, duration_s: question.run_s ?? sc.scenario.duration_s } });
    this.say(`The run, ${question.run_s ?? sc.scenario.duration_s} simulated seconds:`);
    this.sayAll(session.advance((question.run_s ?? sc.scenario.duration_s) * 1000));
    this.say(session.metrics());
  }

  // ------------------------------------------------------------------ review

  private showReview(step: Extract<Step, { kind: 'review' }>): void {
    this.say(`Review checklist: can you say each of these out loud? ${step.review.items.length} items:`, 'list');
    step.review.items.forEach((item, i) => this.reviewLine(step, i));
    this.say(keysSpoken([['a number', 'to mark or unmark that item'], ['l', 'to list the items again'], ['n', 'next'], ['p', 'previous']]));
  }

  private reviewLine(step: Extract<Step, { kind: 'review' }>, i: number): void {
    const checked = this.progress.reviewed[`${step.id ?? `${this.lesson.id}#review1`}:${i}`] === true;
    this.say(`${i + 1}. ${step.review.items[i]!.text}${checked ? '' : ', not checked'}`, 'checkbox', { checked });
  }

  private reviewKey(input: string, step: Extract<Step, { kind: 'review' }>): boolean {
    if (input === 'l') {
      this.showReview(step);
      return true;
    }
    // Items past 9 are reached by typing two digits quickly is not offered: 0 stands for 10.
    const n = input === '0' ? 9 : /^[1-9]$/.test(input) ? Number(input) - 1 : -1;
    if (n < 0 || n >= step.review.items.length) return false;
    const id = `${step.id ?? `${this.lesson.id}#review1`}:${n}`;
    this.save(rules.markReview(this.progress, id, this.progress.reviewed[id] !== true));
    this.reviewLine(step, n);
    return true;
  }

  // ------------------------------------------------------------------ lab

  private startLab(step: Extract<Step, { kind: 'lab' }>): void {
    const lab = step.lab;
    const sc = this.scenario(lab.scenario);
    if (!sc.ok) return this.say(`The lab cannot run: ${sc.error}`);
    // The loader parsed the lab's at lines and gave the lab its id.
    const events = step.atEvents ?? parseLabAt(lab.at).events;
    const labId = step.id;
    const passed = this.progress.labs[labId]?.passed ?? [];
    this.st.lab = new LabSession({ scenario: sc.scenario, engineOptions: events.length ? { at: events } : {}, checks: lab.checks, passed });
    this.st.labId = labId;
    this.st.labKeys = labKeys(lab);
    this.st.recipe = showMeRecipe(lab);
    this.st.hints = [...(lab.try ?? []), ...lab.checks.flatMap((c) => (c.fail ? [`${c.text}: ${c.fail}`] : []))];
    this.st.selected = 0;
    this.say(`Lab: ${lab.title ?? sc.scenario.name}. Goal: ${lab.goal}`);
    if (lab.try?.length) {
      this.say('Things to try:', 'list');
      this.sayAll(lab.try, 'listitem');
    }
    this.sayChecklist();
    this.say('The simulation is paused at 0.0 s. Changes are said as they happen.');
    this.say(keysSpoken(this.labKeyWords()));
  }

  private startSim(sim: LiveSimOptions): void {
    this.st = { lab: new LabSession({ scenario: sim.scenario, engineOptions: sim.engineOptions }), selected: 0, running: true };
    this.say(`Simulation: ${sim.scenario.name}, seed ${sim.engineOptions.seed ?? sim.scenario.seed}, screen-reader mode. Changes are said as they happen.`);
    if (sim.scenario.description) this.say(sim.scenario.description);
    this.say('The diagram as a list, from the users to the database:');
    this.sayAll(this.st.lab!.describe(), 'listitem');
    this.say(keysSpoken(this.labKeyWords()));
  }

  private sayChecklist(): void {
    const checks = this.st.lab!.checklist();
    if (!checks.length) return;
    this.say(`Checks, ${checks.filter((c) => c.checked).length} of ${checks.length} met:`, 'list');
    for (const c of checks) this.say(`${c.text}${c.checked ? '' : ', not checked'}`, 'checkbox', { checked: c.checked });
  }

  private labKeyWords(): [string, string][] {
    const words: [string, string][] = [
      ['Space', 'to run or pause'],
      ['f', 'to skip to the next change'],
      ['i', 'for the numbers'],
      ['D', 'to describe the diagram'],
      ['c', 'for the checks'],
      ['e', 'for the failures by node and cause'],
      ['capital A', 'for the alerts'],
      ['Tab', 'to choose a machine'],
      ['x', 'to kill it'],
      ['u', 'to restore it'],
      ['d', 'to drain it'],
      ['P', 'to promote a replica'],
      ['r', "to switch the load balancers' redispatch"],
      ['left or right brace', "to lower or raise the workers of the machine's tier"],
      ['plus or minus', 'to change the speed'],
    ];
    for (const k of this.st.labKeys ?? []) words.push([k.key, k.label]);
    if (this.st.recipe?.length) words.push(['s', 'to show me (the recipe plays)']);
    if (this.st.hints?.length) words.push(['h', 'for hints']);
    if (this.mode.kind === 'step') words.push(['n', 'next'], ['p', 'previous']);
    words.push(['q', 'to quit']);
    return words;
  }

  /** True when the key was a lab key. */
  private labKey(input: string, key: SrKey): boolean {
    const lab = this.st.lab!;
    const machines = lab.machines();
    const node = machines[(this.st.selected ?? 0) % Math.max(1, machines.length)];
    const act = (action: Action, what: string): true => {
      this.sayAll(lab.apply(action, what));
      this.afterLab();
      return true;
    };
    if (input === ' ') {
      this.st.running = !this.st.running;
      this.say(`${this.st.running ? 'Running' : 'Paused'} at ${lab.nowS.toFixed(1)} s${this.st.running ? `, speed ${this.speed}×` : ''}.`);
      return true;
    }
    if (key.tab) {
      this.st.selected = ((this.st.selected ?? 0) + (key.shift ? machines.length - 1 : 1)) % Math.max(1, machines.length);
      this.say(`Selected ${lab.nodeState(machines[this.st.selected]!)}.`, 'option', { selected: true });
      return true;
    }
    if (input === 'f') {
      const before = lab.nowS;
      const said: string[] = [];
      while (!said.length && lab.nowS < before + 120 && !lab.ended) said.push(...lab.advance(100));
      this.say(said.length ? `Skipped to ${lab.nowS.toFixed(1)} s.` : `Nothing changed in ${(lab.nowS - before).toFixed(0)} s.`);
      this.sayAll(said);
      this.afterLab();
      return true;
    }
    if (input === 'i') {
      this.say(lab.metrics());
      return true;
    }
    if (input === 'D') {
      this.say(`The diagram at ${lab.nowS.toFixed(1)} s, from the users to the database:`);
      this.sayAll(lab.describe(), 'listitem');
      return true;
    }
    if (input === 'c') {
      this.sayChecklist();
      return true;
    }
    if (input === 'e' || input === 'A') {
      this.sayAll(input === 'e' ? lab.failures() : lab.alerts(), 'listitem');
      return true;
    }
    if (input === '+' || input === '=' || input === '-') {
      const i = SPEEDS.indexOf(this.speed);
      this.speed = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 1 : i) + (input === '-' ? -1 : 1)))]!;
      this.say(`Speed ${this.speed}×.`);
      return true;
    }
    if (input === '?') {
      this.say(keysSpoken(this.labKeyWords()));
      return true;
    }
    const own = this.st.labKeys?.find((k) => k.key === input);
    if (own) {
      if (own.effect.kind === 'action') return act(own.effect.action, own.label);
      if (own.effect.kind === 'readTraffic') this.sayAll(lab.readTraffic(node));
      else {
        this.st.running = false;
        this.sayAll(lab.reencrypt());
      }
      this.afterLab();
      return true;
    }
    if (input === 's' && this.st.recipe?.length) {
      lab.schedule(this.st.recipe);
      this.say(`Show me: ${this.st.recipe.length} step${this.st.recipe.length === 1 ? '' : 's'} play from now; press Space to run.`);
      return true;
    }
    if (input === 'h' && this.st.hints) {
      this.say('Hints:', 'list');
      this.sayAll(this.st.hints, 'listitem');
      return true;
    }
    if (!node) return false;
    if (input === 'x') return act({ action: 'kill', node }, `killed ${node}`);
    if (input === 'u') return act({ action: 'restore', node }, `restored ${node}`);
    if (input === 'd') return act({ action: 'drain', node }, `drained ${node}`);
    if (input === 'P') {
      // The promote still happens: what a split brain costs is said first.
      const warning = splitBrainWarning(lab.engine.snapshot({ maxInflight: 0 }), node);
      if (warning) this.say(`Warning: ${warning.replace(/^SPLIT BRAIN/, 'split brain')}.`);
      return act({ action: 'promote', node }, `promoted ${node}`);
    }
    if (input === 'r' || input === '{' || input === '}') {
      const snapshot = lab.engine.snapshot({ maxInflight: 0 });
      const t = input === 'r' ? redispatchToggle(snapshot) : workersStep(snapshot, lab.engine.topology, node, input === '}' ? 1 : -1);
      if ('error' in t) {
        this.say(`Cannot: ${t.error}.`);
        return true;
      }
      // The engine's event says what the change does; the line of the key says what was done.
      return act(t.action, t.action.action === 'set_redispatch' ? `switched redispatch ${String(t.action.value)}` : `set the ${t.action.node ?? ''} workers to ${String(t.action.value)}`);
    }
    return false;
  }

  /** Save the lab's checks after something changed. */
  private afterLab(): void {
    const lab = this.st.lab;
    if (!lab || !this.st.labId) return;
    const passed = lab.judge.verdicts.flatMap((v, i) => (v === 'pass' ? [i] : []));
    if (passed.length) this.save(rules.recordLab(this.progress, this.st.labId, { passed, completed: lab.complete }));
  }

  /** Whether the clock should run (a lab or the instructor view, not paused). */
  get clockRunning(): boolean {
    return this.st.lab !== undefined && this.st.running === true && !this.st.lab.ended;
  }

  /** Real milliseconds passed: the run advances by them × speed and says what happened. */
  tick(realMs: number): void {
    const lab = this.st.lab;
    if (!lab || !this.st.running) return;
    this.sayAll(lab.advance(realMs * this.speed));
    if (lab.ended) {
      this.st.running = false;
      this.say(`The run ended at ${lab.nowS.toFixed(1)} s. ${lab.metrics()}`);
    }
    this.afterLab();
  }

  private stopLab(): void {
    this.st.running = false;
  }

  // ------------------------------------------------------------------ keys

  key(input: string, key: SrKey): void {
    if (this.done) return;
    // Keys typed quickly can arrive in one read ("n1"): each is a command of its own
    // (a text field takes them whole, as typed or pasted text).
    if (input.length > 1 && !key.ctrl && !key.meta && !this.typing()) {
      for (const ch of input) this.key(ch === '\r' || ch === '\t' || ch === '\u007f' ? '' : ch, { return: ch === '\r', tab: ch === '\t', backspace: ch === '\u007f' });
      return;
    }
    if ((key.ctrl && input === 'c') || (input === 'q' && !this.typing())) return this.quit();
    if (this.mode.kind === 'map') this.mapKey(input, key);
    else if (this.mode.kind === 'step') this.stepKey(input, key);
    else if (this.mode.kind === 'design') this.designKey(input, key);
    else this.labKey(input, key);
    this.onChange();
  }

  /** `webinfra-learn design`: the editor's keys, and ? for them. */
  private designKey(input: string, key: SrKey): void {
    const build = this.st.build;
    if (!build) return;
    if (input === '?') return this.say(build.help());
    const said = build.key(input, key);
    if (said) this.sayBuild(said);
  }

  private typing(): boolean {
    const q = this.st.quiz;
    return this.mode.kind === 'step' && q?.question.kind === 'text' && q.phase === 'answering' && q.focused;
  }

  quit(): void {
    this.stopLab();
    // Said after the app has stopped (a line said in the last frame would be printed twice by Ink's final render).
    this.exitMessage = this.opts.sim && this.st.lab ? quitSummary(this.st.lab.engine.report(), this.opts.sim) : this.opts.design ? 'Goodbye: your design is saved.\n' : 'Goodbye: your progress is saved.\n';
    this.done = true;
    this.onChange();
  }
}

const STEP_WORDS: Record<Step['kind'], string> = {
  page: 'a page',
  diagram: 'a diagram',
  quiz: 'a question',
  lab: 'a lab',
  review: 'a review checklist',
  build: 'a build step',
};
