/**
 * Styled lines: the one model of text the UI paints line by line — the diagram and
 * the live view, the lab, predict and pick-node screens, the design editor, and the
 * quiz and review screens. A line is a list of segments, each a run of text with one
 * semantic style token. No colours here: the UI's painter (src/ui/lab/paint.ts) is
 * the one place that maps each token to the theme, with colour and without, so
 * NO_COLOR and monochrome projectors lose nothing — every state is also told by a
 * glyph and a word.
 *
 * Types only (plus one helper): it sits on the floor of the house so the diagram
 * and the UI can both use it; the diagram re-exports it (src/diagram/types.ts).
 */

/** Styles the diagram and the live view draw with (node states, edges, requests, panels). */
export type DiagramStyle =
  | 'text'
  | 'border'
  | 'title'
  | 'label-large'
  | 'muted'
  | 'up'
  | 'down'
  | 'hung'
  | 'draining'
  | 'stopped'
  | 'primary'
  | 'replica'
  | 'vip'
  | 'selected'
  | 'highlight'
  | 'https'
  | 'http'
  | 'sql'
  | 'replication'
  | 'vrrp'
  | 'dns'
  | 'firewall'
  | 'agent'
  | 'static'
  | 'dynamic'
  | 'write'
  | 'health'
  | 'probe'
  | 'failed'
  | 'warn'
  | 'busy';

/**
 * Styles of the quiz and review screens. Unlike the diagram's, these keep their
 * emphasis (bold, dim, italic, inverse) when colour is off: the cursor, a verdict
 * or a caret must still stand out on a monochrome screen.
 */
export type QuizStyle =
  /** The question's prompt, a heading. */
  | 'bold'
  /** The choice, item or field under the cursor. */
  | 'cursor'
  /** An order item being carried to a new place. */
  | 'carried'
  /** The text field's caret. */
  | 'caret'
  /** A right answer: its mark, the verdict, the revealed answer. */
  | 'correct'
  /** A wrong answer: its mark and the verdict. */
  | 'wrong'
  /** A right choice that was not given, a notice ("! …"). */
  | 'alert'
  /** Quieter than `correct`: an item in place, a note's bullet after a right answer. */
  | 'good'
  /** Quieter than `wrong`: a note's bullet after a wrong answer. */
  | 'bad'
  /** The misconception a wrong answer shows. */
  | 'misconception'
  /** Information beside the question (an earlier answer, the ready count). */
  | 'info'
  /** A label in front of information ("Why:"). */
  | 'label'
  /** Keys and instructions; dim when colour is off. */
  | 'hint'
  /** What the last try was: muted and dim. */
  | 'faint'
  /** An empty field's "(empty)". */
  | 'dim';

/** Semantic style of a run of text. The UI maps these to theme colours. */
export type LineStyle = DiagramStyle | QuizStyle;

/** A run of text with one style. */
export interface Segment {
  text: string;
  style: LineStyle;
}

/** One line of styled text. */
export type StyledLine = Segment[];

/** The text of a line without its styles (tests, widths, plain output). */
export function lineText(line: readonly Segment[]): string {
  let out = '';
  for (const s of line) out += s.text;
  return out;
}
