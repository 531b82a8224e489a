/**
 * The course model: chapters → lessons → steps, as read from `lessons/`.
 * Pure data; produced by the loader, consumed by the UI and the CLI.
 */
import type { Question } from '../quiz/types';

/** Where something came from, for `file:line` messages. */
export interface SourcePos {
  file: string;
  line: number;
}

/** A ```diagram block: a scenario's topology drawn with some nodes highlighted. */
export interface DiagramBlock {
  scenario: string;
  /** Node ids to emphasise. */
  highlight?: string[];
  /** If given, only these node ids are drawn (reveal a design component by component). */
  show?: string[];
  caption?: string;
}

/**
 * A condition checked against a simulation report after (or during) a lab run.
 * - `event`: an event of this type happened (optionally on `node`), e.g. marked_down.
 * - `metric`: a dotted path into the report (e.g. `requests.failed`,
 *   `availability`, `latency_ms.p99`, `nodes.web-2.served`, `db.stale_reads`)
 *   compared with `value`.
 */
export type LabCondition =
  | { event: string; node?: string; min_count?: number }
  | { metric: string; op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number };

/**
 * One line of a lab's checklist. When it is judged (`judgeLab` in src/sim/checks.ts,
 * shared by the lab screen and the course's lab tests):
 * - an `event` check ticks as soon as its event happens;
 * - a `metric` check is shown "pending — judged at t = N s" until N = the last
 *   action + 45 s (`SETTLE_S`), where actions are the lab's `at` events, the
 *   scenario's timeline and whatever the learner does by key (kill, drain, …); with
 *   no action at all, N is the scenario's end. Then it passes or fails on the report
 *   at N, so a metric that is true before anything happened is not ticked early;
 * - an event check still missing at N fails; a failed check shows its `fail` sentence.
 * Write checks whose consequence is visible within 45 s of the lab's last action.
 */
export interface LabCheck {
  /** Shown to the learner as a checklist line. */
  text: string;
  when: LabCondition;
  /** Said when the check passes / is still failing at the end. */
  pass?: string;
  fail?: string;
}

/** A ```lab block: a live simulation with a goal, things to try and checks. */
export interface LabBlock {
  scenario: string;
  title?: string;
  goal: string;
  try?: string[];
  /** Extra timeline events, as with `sim --at`: "<seconds>:<action>:<node>". */
  at?: string[];
  checks: LabCheck[];
}

/** A ```review block: the chapter's "can you say this out loud?" checklist. */
export interface ReviewBlock {
  items: { text: string; lesson?: string }[];
}

/** A ```build block: the design editor, for the learner's own design of a task (0–3). */
export interface BuildBlock {
  task: number;
}

export type Step =
  | { kind: 'page'; markdown: string; pos: SourcePos }
  | { kind: 'build'; build: BuildBlock; pos: SourcePos }
  | { kind: 'quiz'; question: Question; pos: SourcePos }
  | { kind: 'diagram'; diagram: DiagramBlock; markdown?: string; pos: SourcePos }
  | {
      kind: 'lab';
      lab: LabBlock;
      pos: SourcePos;
      /** `<lesson-id>#lab<n>` (n counts the lesson's lab blocks from 1): its key in progress `labs`. Set by the loader. */
      id?: string;
    }
  | {
      kind: 'review';
      review: ReviewBlock;
      pos: SourcePos;
      /** `<lesson-id>#review<n>`; an item's progress key is `<id>:<item index>`. Set by the loader. */
      id?: string;
    };

export type StepKind = Step['kind'];

export interface Lesson {
  /** Unique in the course, from front matter. */
  id: string;
  title: string;
  minutes?: number;
  chapterId: string;
  file: string;
  steps: Step[];
}

export interface Chapter {
  id: string;
  title: string;
  /** One-line summary shown on the course map. */
  summary?: string;
  /** Lessons in order. */
  lessons: Lesson[];
  dir: string;
}

export interface Course {
  root: string;
  chapters: Chapter[];
}

/** A problem found while loading or validating a course. */
export interface CourseProblem extends SourcePos {
  message: string;
  severity: 'error' | 'warning';
}
