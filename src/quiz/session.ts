/**
 * The interaction with one question as a reducer: moving a cursor, ticking,
 * rearranging, typing, submitting and retrying. Pure (no React), so every rule
 * below is unit-tested directly and the screens only bind keys to actions.
 *
 * Rules worth knowing:
 * - Nothing is chosen at first (cursor -1 for choice lists), so an Enter pressed
 *   out of habit on arrival cannot answer a question by accident; it gets a notice.
 * - The first-try result is fixed by the first submit (or by a saved record) and
 *   never changes afterwards, whatever retries follow.
 * - After submitting, the answer is locked until `retry` (only offered when wrong).
 * - Nothing gives the answer away: after a wrong answer a view shows only that
 *   answer's own feedback. The explanation (which names the right answer) and the
 *   right choices the learner missed are shown after a right answer, or once the
 *   learner asks to see the answer (`reveal`), which counts as a missed answer.
 */
import { gradeAnswer } from './grade';
import { quizKind } from './registry';
import { choiceOrder, presentedOrder } from './shuffle';
import type { Answer, Grade, Question, QuizRecord } from './types';

export type QuizPhase = 'answering' | 'answered';

/** What a session needs of a saved record (progress keeps more; quiz/ does not import it). */
export interface PreviousAnswer {
  firstTryCorrect: boolean;
  solved: boolean;
  attempts: number;
}

export interface QuizSessionOptions {
  /** The saved record, if the question was answered before. */
  previous?: PreviousAnswer | null;
  /** The learner's id: choice orders are shuffled per learner (see shuffle.ts). */
  learner?: string;
}

export interface QuizSessionState {
  question: Question;
  /** Choice questions: presentation order, as indices into `question.choices`. */
  choiceOrder: number[];
  /** Position in the presented list (choices or order items); -1 = none yet. */
  cursor: number;
  /** single / predict: the chosen choice (index into `question.choices`). */
  selected: number | null;
  /** multiple: ticked choices (indices into `question.choices`), in tick order. */
  ticked: number[];
  /** order: the current arrangement. */
  order: string[];
  /** order: the item under the cursor is picked up, so ↑↓ carry it. */
  held: boolean;
  /** order: the learner has moved something (an untouched order is never right). */
  touched: boolean;
  /** text: what is typed, and the caret position in it (0…text.length). */
  text: string;
  caret: number;
  /** text: keys go to the field (so letters type instead of acting as shortcuts). */
  focused: boolean;
  /** pick-node: the node picked. */
  node: string | null;
  phase: QuizPhase;
  grade: Grade | null;
  lastAnswer: Answer | null;
  /** Submits so far, including those in saved progress. */
  attempts: number;
  /** Fixed at the first submit ever; null until then. */
  firstTryCorrect: boolean | null;
  /** Answered correctly at some point. */
  solved: boolean;
  /** The learner asked to see the answer: the explanation and missed right choices show. */
  revealed: boolean;
  /** A short hint for an action that could not be done ("Choose an answer first."). */
  notice: string | null;
  /** The saved record this session started from, if the question was answered before. */
  previous: PreviousAnswer | null;
}

export type QuizAction =
  /** Move the cursor by `delta` (order: carries the item if it is picked up). */
  | { type: 'move'; delta: number }
  /** Jump to presented position `index` (digit shortcuts): selects (single) or ticks (multiple). */
  | { type: 'choose'; index: number }
  /** Space: tick/untick (multiple), select (single), pick up/put down (order). */
  | { type: 'toggle' }
  /** order: move the item under the cursor by `delta` directly. */
  | { type: 'moveItem'; delta: number }
  /** text: insert at the caret (typed or pasted). */
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'deleteForward' }
  | { type: 'caret'; to: 'left' | 'right' | 'home' | 'end' }
  | { type: 'focus'; focused: boolean }
  | { type: 'pickNode'; node: string }
  | { type: 'submit' }
  | { type: 'retry' }
  /** "Show me the answer": ends the question as missed, with the explanation shown. */
  | { type: 'reveal' };

/** The session for `question`, resuming from a saved record if there is one. */
export function initQuizSession(question: Question, options: QuizSessionOptions = {}): QuizSessionState {
  const hasChoices = question.kind === 'single' || question.kind === 'multiple' || question.kind === 'predict';
  const previous = options.previous;
  return {
    question,
    choiceOrder: hasChoices ? choiceOrder(question, options.learner) : [],
    cursor: question.kind === 'order' ? 0 : -1,
    selected: null,
    ticked: [],
    order: question.kind === 'order' ? presentedOrder(question) : [],
    held: false,
    touched: false,
    text: '',
    caret: 0,
    focused: question.kind === 'text',
    node: null,
    phase: 'answering',
    grade: null,
    lastAnswer: null,
    attempts: previous?.attempts ?? 0,
    firstTryCorrect: previous ? previous.firstTryCorrect : null,
    solved: previous?.solved ?? false,
    revealed: false,
    notice: null,
    previous: previous ?? null,
  };
}

/** Number of entries in the presented list (choices or order items). */
export function listLength(state: QuizSessionState): number {
  return state.question.kind === 'order' ? state.order.length : state.choiceOrder.length;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The answer the current state would submit, or a notice saying what is missing (each kind says, see kinds/). */
export function currentAnswer(state: QuizSessionState): { answer: Answer } | { notice: string } {
  const answer = quizKind(state.question.kind).answer as (s: QuizSessionState) => Answer | { notice: string };
  const result = answer(state);
  return 'notice' in result ? result : { answer: result };
}

function moveItem(state: QuizSessionState, delta: number): QuizSessionState {
  const from = state.cursor;
  if (from < 0) return state;
  const to = clamp(from + delta, 0, state.order.length - 1);
  if (to === from) return state;
  const order = [...state.order];
  const [item] = order.splice(from, 1);
  order.splice(to, 0, item!);
  return { ...state, order, cursor: to, touched: true, notice: null };
}

/** Strip control characters from typed or pasted text (newlines become spaces). */
function printable(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Apply one action. Returns the same object when nothing changes. */
export function quizReducer(state: QuizSessionState, action: QuizAction): QuizSessionState {
  const q = state.question;
  const answering = state.phase === 'answering';

  switch (action.type) {
    case 'move': {
      if (!answering) return state;
      const n = listLength(state);
      if (n === 0) return state;
      if (q.kind === 'order' && state.held) return moveItem(state, action.delta);
      const cursor = state.cursor < 0 ? (action.delta > 0 ? 0 : n - 1) : clamp(state.cursor + action.delta, 0, n - 1);
      const selected = q.kind === 'single' || q.kind === 'predict' ? state.choiceOrder[cursor]! : state.selected;
      if (cursor === state.cursor && selected === state.selected) return state;
      return { ...state, cursor, selected, notice: null };
    }
    case 'choose': {
      if (!answering) return state;
      const n = listLength(state);
      if (action.index < 0 || action.index >= n) return state;
      if (q.kind === 'single' || q.kind === 'predict') {
        return { ...state, cursor: action.index, selected: state.choiceOrder[action.index]!, notice: null };
      }
      if (q.kind === 'multiple') return quizReducer({ ...state, cursor: action.index }, { type: 'toggle' });
      if (q.kind === 'order') return { ...state, cursor: action.index, held: false, notice: null };
      return state;
    }
    case 'toggle': {
      if (!answering) return state;
      if (state.cursor < 0) return { ...state, notice: 'Move to an answer with ↑↓ first.' };
      if (q.kind === 'multiple') {
        const choice = state.choiceOrder[state.cursor]!;
        const ticked = state.ticked.includes(choice) ? state.ticked.filter((c) => c !== choice) : [...state.ticked, choice];
        return { ...state, ticked, notice: null };
      }
      if (q.kind === 'single' || q.kind === 'predict') {
        return { ...state, selected: state.choiceOrder[state.cursor]!, notice: null };
      }
      if (q.kind === 'order') return { ...state, held: !state.held, notice: null };
      return state;
    }
    case 'moveItem':
      if (!answering || q.kind !== 'order') return state;
      return moveItem(state, action.delta);
    case 'type': {
      if (!answering || q.kind !== 'text') return state;
      const insert = printable(action.text);
      if (insert.length === 0) return state;
      const text = state.text.slice(0, state.caret) + insert + state.text.slice(state.caret);
      return { ...state, text, caret: state.caret + insert.length, focused: true, notice: null };
    }
    case 'backspace': {
      if (!answering || q.kind !== 'text' || state.caret === 0) return state;
      const text = state.text.slice(0, state.caret - 1) + state.text.slice(state.caret);
      return { ...state, text, caret: state.caret - 1, notice: null };
    }
    case 'deleteForward': {
      if (!answering || q.kind !== 'text' || state.caret >= state.text.length) return state;
      const text = state.text.slice(0, state.caret) + state.text.slice(state.caret + 1);
      return { ...state, text, notice: null };
    }
    case 'caret': {
      if (q.kind !== 'text') return state;
      const caret =
        action.to === 'home' ? 0 : action.to === 'end' ? state.text.length : clamp(state.caret + (action.to === 'left' ? -1 : 1), 0, state.text.length);
      return caret === state.caret ? state : { ...state, caret };
    }
    case 'focus':
      if (q.kind !== 'text' || state.focused === action.focused) return state;
      // The field only takes keys while an answer can be typed.
      if (action.focused && !answering) return state;
      return { ...state, focused: action.focused };
    case 'pickNode':
      if (!answering || q.kind !== 'pick-node') return state;
      return { ...state, node: action.node, notice: null };
    case 'submit': {
      if (!answering) return state;
      const current = currentAnswer(state);
      if ('notice' in current) return { ...state, notice: current.notice };
      const grade = gradeAnswer(q, current.answer);
      return {
        ...state,
        phase: 'answered',
        grade,
        lastAnswer: current.answer,
        held: false,
        focused: false,
        attempts: state.attempts + 1,
        firstTryCorrect: state.firstTryCorrect ?? grade.correct,
        solved: state.solved || grade.correct,
        notice: null,
      };
    }
    case 'reveal': {
      if (state.revealed || state.grade?.correct) return state;
      if (state.phase === 'answered') return { ...state, revealed: true, notice: null };
      // Asked before answering: recorded as a missed answer (a first try if it is one).
      return {
        ...state,
        phase: 'answered',
        revealed: true,
        grade: { correct: false, explain: q.explain },
        lastAnswer: null,
        held: false,
        focused: false,
        attempts: state.attempts + 1,
        firstTryCorrect: state.firstTryCorrect ?? false,
        notice: null,
      };
    }
    case 'retry': {
      // Only a wrong answer is retried; a right one stays shown, and so does a revealed one.
      if (state.phase !== 'answered' || state.grade?.correct || state.revealed) return state;
      // A fresh try starts from nothing chosen and an empty field, so a quick Enter
      // cannot resend the same wrong answer and new typing does not append to the
      // old text (`lastAnswer` keeps it to show as "last try"). An order keeps its
      // arrangement: rebuilding it from the shuffle would throw away the parts the
      // learner already got right.
      const fresh = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'text';
      return {
        ...state,
        phase: 'answering',
        grade: null,
        held: false,
        focused: q.kind === 'text',
        notice: null,
        ...(fresh ? { selected: null, ticked: [], text: '', caret: 0 } : {}),
      };
    }
  }
}
