/** What the choice kinds (single, multiple, predict) share: choice lookup and authoring checks. */
import { isKnownMisconception } from '../misconceptions';
import type { Choice, Grade, GradeNote, MultipleQuestion, PredictQuestion, SingleQuestion } from '../types';
import { AnswerMismatchError, finish, note, type QuestionProblem } from './kind';

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

export function checkMisconception(n: number | undefined, where: string, out: QuestionProblem[]): void {
  if (n !== undefined && !isKnownMisconception(n)) {
    out.push({ severity: 'error', message: `${where} names misconception ${n}, which CURRICULUM.md does not list (1–11)` });
  }
}

export function choiceProblems(choices: Choice[], exactlyOne: boolean): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  const right = choices.filter((c) => c.correct === true).length;
  if (choices.length < 2) out.push({ severity: 'error', message: 'needs at least two choices' });
  if (exactlyOne && right !== 1) out.push({ severity: 'error', message: `needs exactly one correct choice, has ${right}` });
  if (!exactlyOne && right === 0) out.push({ severity: 'error', message: 'needs at least one correct choice' });
  if (choices.length > 9) out.push({ severity: 'warning', message: 'has more than 9 choices; only 1–9 have number keys' });
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    const label = `choice ${i + 1} ("${c.text}")`;
    if (seen.has(c.text)) out.push({ severity: 'error', message: `${label} appears twice` });
    seen.add(c.text);
    if (c.correct !== true && !c.feedback) out.push({ severity: 'error', message: `${label} is wrong but has no feedback saying why` });
    checkMisconception(c.misconception, label, out);
  });
  return out;
}
