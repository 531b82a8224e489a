/** What the choice kinds (single, multiple, predict) share: choice lookup and authoring checks. */
import { isKnownMisconception } from '../misconceptions';
import type { Choice, Grade, GradeNote, MultipleQuestion, PredictQuestion, SingleQuestion } from '../types';
import type { QuizAction, QuizSessionState } from '../session';
import { choiceOrder } from '../shuffle';
import { AnswerMismatchError, finish, moveCursor, note, type FieldPath, type QuestionProblem } from './kind';

type ChoiceQuestion = SingleQuestion | MultipleQuestion | PredictQuestion;

export function choiceAt(question: ChoiceQuestion, index: number): Choice {
  const choice = Number.isInteger(index) ? question.choices[index] : undefined;
  if (!choice) {
    throw new AnswerMismatchError(`choice ${index} does not exist in ${question.id} (it has ${question.choices.length})`);
  }
  return choice;
}

/** single / predict: right iff the chosen choice is marked correct; feedback is that choice's own. */
export function gradeOneChoice(question: SingleQuestion | PredictQuestion, index: number): Grade {
  const choice = choiceAt(question, index);
  const correct = choice.correct === true;
  const notes: GradeNote[] = [];
  if (choice.feedback) notes.push(note(choice.feedback, choice.misconception));
  else if (!correct) notes.push(note(`"${choice.text}" is not the answer.`, choice.misconception));
  return finish(correct, question.explain, notes);
}

/** An error when `n` names no misconception in CURRICULUM.md. */
export function checkMisconception(n: number | undefined, where: string, path: FieldPath, out: QuestionProblem[]): void {
  if (n !== undefined && !isKnownMisconception(n)) {
    out.push({ severity: 'error', message: `${where} names misconception ${n}, which CURRICULUM.md does not list (1–11)`, path });
  }
}

/**
 * The checks across a choice question's fields: how many right choices (exactly
 * one, or at least one and not all), each wrong choice says why, no choice twice,
 * number keys reach every choice.
 */
export function choiceProblems(choices: Choice[], exactlyOne: boolean): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  const right = choices.filter((c) => c.correct === true).length;
  if (choices.length < 2) out.push({ severity: 'error', message: 'needs at least two choices', path: ['choices'] });
  if (exactlyOne && right !== 1) {
    out.push({ severity: 'error', message: `needs exactly one choice with 'correct: true' (has ${right})`, path: ['choices'] });
  }
  if (!exactlyOne && right === 0) out.push({ severity: 'error', message: "needs at least one choice with 'correct: true'", path: ['choices'] });
  if (!exactlyOne && right > 0 && right === choices.length) {
    out.push({ severity: 'warning', message: 'every choice is correct, so there is nothing to think about', path: ['choices'] });
  }
  choices.forEach((c, i) => {
    if (c.correct !== true && !c.feedback) {
      out.push({ severity: 'error', message: `wrong choice '${c.text}' has no feedback: say why it is wrong`, path: ['choices', i] });
    }
    if (choices.findIndex((o) => o.text === c.text) !== i) {
      out.push({ severity: 'error', message: `choice '${c.text}' appears twice`, path: ['choices', i] });
    }
    checkMisconception(c.misconception, `choice '${c.text}'`, ['choices', i, 'misconception'], out);
  });
  if (choices.length > 9) {
    out.push({ severity: 'warning', message: `${choices.length} choices, but only 1-9 can be picked with a number key`, path: ['choices'] });
  }
  return out;
}

/** Choice kinds start with the choices in the learner's order and nothing chosen. */
export function choiceStart(question: ChoiceQuestion, learner: string | undefined): Partial<QuizSessionState> {
  return { choiceOrder: choiceOrder(question, learner) };
}

/** One choice (single, predict): moving onto a choice chooses it; a digit chooses; Space chooses. */
export function actOneChoice(state: QuizSessionState, action: QuizAction): QuizSessionState {
  if (state.phase !== 'answering') return state;
  const n = state.choiceOrder.length;
  switch (action.type) {
    case 'move': {
      const moved = moveCursor(state, action.delta, n);
      const selected = moved.cursor < 0 ? null : state.choiceOrder[moved.cursor]!;
      return selected === moved.selected ? moved : { ...moved, selected, notice: null };
    }
    case 'choose':
      if (action.index < 0 || action.index >= n) return state;
      return { ...state, cursor: action.index, selected: state.choiceOrder[action.index]!, notice: null };
    case 'toggle':
      if (state.cursor < 0) return { ...state, notice: 'Move to an answer with ↑↓ first.' };
      return { ...state, selected: state.choiceOrder[state.cursor]!, notice: null };
    default:
      return state;
  }
}
