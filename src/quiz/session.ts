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
import type { QuizKind } from './kinds/kind';
import { quizKind } from './registry';
import type { Answer, Grade, Question, QuestionKind } from './types';

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
  const previous = options.previous;
  const blank: QuizSessionState = {
    question,
    choiceOrder: [],
    cursor: -1,
    selected: null,
    ticked: [],
    order: [],
    held: false,
    touched: false,
    text: '',
    caret: 0,
    focused: false,
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
  const start = kindOf(question).start;
  return start ? { ...blank, ...start(question, options.learner) } : blank;
}

/** The kind module of the session's question, typed for the session (see registry.ts). */
function kindOf(question: Question): QuizKind<QuestionKind> {
  return quizKind(question.kind) as unknown as QuizKind<QuestionKind>;
}

/** Number of entries in the presented list (choices or order items). */
export function listLength(state: QuizSessionState): number {
  return state.order.length > 0 ? state.order.length : state.choiceOrder.length;
}

/** The answer the current state would submit, or a notice saying what is missing (each kind says, see kinds/). */
export function currentAnswer(state: QuizSessionState): { answer: Answer } | { notice: string } {
  const result = kindOf(state.question).answer(state);
  return 'notice' in result ? result : { answer: result };
}

/** Apply one action. Returns the same object when nothing changes. */
export function quizReducer(state: QuizSessionState, action: QuizAction): QuizSessionState {
  const q = state.question;
  const answering = state.phase === 'answering';

  switch (action.type) {
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
      const kind = kindOf(q);
      return {
        ...state,
        phase: 'answering',
        grade: null,
        held: false,
        focused: kind.start?.(q, undefined).focused ?? false,
        notice: null,
        ...(kind.keepOnRetry ? {} : { selected: null, ticked: [], text: '', caret: 0, node: null }),
      };
    }
    default:
      // Moving, choosing, ticking, typing …: each kind's own (kinds/, listed in registry.ts).
      return kindOf(q).act(state, action);
  }
}
