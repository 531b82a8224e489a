/**
 * The course model: chapters → lessons → steps, as read from `lessons/`.
 * Pure data; produced by the loader, consumed by the UI and the CLI.
 */
import type { Question } from '../quiz/types';
import type { Scenario, TimelineEvent } from '../sim/spec/types';

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

/** An event of a type, optionally on one node. */
export interface LabEventRef {
  event: string;
  node?: string;
}

/**
 * The span of the run a check is judged over: from t = 0 or each `after` event,
 * for `for_s` virtual seconds or until the `until` event. Over it, counters count
 * what happened inside it, `availability` is its share of successful requests,
 * other values are read at its end.
 */
export interface LabWindow {
  after?: LabEventRef;
  for_s?: number;
  until?: LabEventRef;
}

/**
 * One line of a lab's checklist, judged by src/labs (shared by the lab screen and
 * the course's lab tests): it ticks as soon as it is met and stays ticked; a check
 * with no window is met when its condition holds on the run so far, so give a
 * `window` to a metric that already holds before anything happens (no failures at
 * t = 0); a windowed check is judged when its window closes, and shows its `fail`
 * sentence when a window closed without it.
 */
export interface LabCheck {
  /** Shown to the learner as a checklist line. */
  text: string;
  when: LabCondition;
  window?: LabWindow;
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
  /**
   * Keys this lab adds: `do` is a timeline action without its time
   * (`probe:web-1:3306`, `add_server:app`) or a lab tool (`read_traffic`: show what
   * a capture on the selected node's incoming hop reads; `tls:reencrypt`: restart
   * the run with the load balancers re-encrypting to the back ends).
   */
  keys?: { key: string; label: string; do: string }[];
  /** A recipe played from the moment the learner presses `s` ("show me"): `at` specs, times relative. */
  show_me?: string[];
  checks: LabCheck[];
}

/** A ```review block: the chapter's "can you say this out loud?" checklist. */
export interface ReviewBlock {
  /** `points`: ids of lessons/checklist.yaml this item rehearses (checked by the curriculum tests). */
  items: { text: string; lesson?: string; points?: string[] }[];
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
      id: string;
      /** The lab's `at` lines, parsed (set when the course's scenarios are resolved). */
      atEvents?: TimelineEvent[];
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
  /**
   * Every scenario the steps name, parsed (course/course-scenarios.ts): the UI draws
   * and runs these, never reading scenario files itself. Absent only on a course
   * built by hand (tests).
   */
  scenarios?: Record<string, Scenario>;
}

/** A problem found while loading or validating a course. */
export interface CourseProblem extends SourcePos {
  message: string;
  severity: 'error' | 'warning';
}
