/**
 * Grading: one pure function from a question and a learner's answer to a verdict
 * with feedback. The feedback is what makes a quiz teach: a wrong choice answers
 * with *why* it is wrong and the misconception behind it (see misconceptions.ts).
 */
import type {
  Answer,
  Choice,
  Grade,
  GradeNote,
  MultipleQuestion,
  OrderQuestion,
  PickNodeQuestion,
  PredictQuestion,
  Question,
  SingleQuestion,
  TextQuestion,
} from './types';
import { matchText, normalizeAnswer } from './text-match';

/** Thrown when an answer does not fit its question (a programming error, not a wrong answer). */
export class AnswerMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerMismatchError';
  }
}

/**
 * Grade one answer.
 *
 * - single / predict: right iff the chosen choice is marked correct; feedback is that
 *   choice's own.
 * - multiple: right iff exactly the correct set is ticked; one note per wrongly ticked
 *   distractor, plus a one-line `summary` (counts, naming no choice); the notes on
 *   missed right choices go to `revealNotes`, shown only once the answer is revealed.
 * - order: right iff the exact order; feedback from the first broken `mistakes` rule,
 *   else a hint naming the first misplaced pair.
 * - text: forgiving match against `accept` (case, spacing, quotes, punctuation,
 *   articles; one slip in answers of 5+ characters, with a spelling note); known
 *   `wrong` answers get their own feedback.
 * - pick-node: right iff the node is one of `answer`; per-node feedback.
 *
 * @throws AnswerMismatchError if the answer's kind differs from the question's, or it
 *   names a choice/item/node that does not exist.
 */
export function gradeAnswer(question: Question, answer: Answer): Grade {
  if (question.kind !== answer.kind) {
    throw new AnswerMismatchError(`a ${answer.kind} answer was given to ${question.kind} question ${question.id}`);
  }
  switch (question.kind) {
    case 'single':
    case 'predict':
      return gradeSingle(question, (answer as { choice: number }).choice);
    case 'multiple':
      return gradeMultiple(question, (answer as { choices: number[] }).choices);
    case 'order':
      return gradeOrder(question, (answer as { order: string[] }).order);
    case 'text':
      return gradeText(question, (answer as { text: string }).text);
    case 'pick-node':
      return gradePickNode(question, (answer as { node: string }).node);
  }
}

function finish(correct: boolean, explain: string, notes: GradeNote[], summary?: string, revealNotes: GradeNote[] = []): Grade {
  const grade: Grade = { correct, explain };
  if (revealNotes.length > 0) grade.revealNotes = revealNotes;
  if (notes.length > 0) {
    grade.notes = notes;
    grade.feedback = notes.map((n) => n.text).join('\n');
    const first = notes.find((n) => n.misconception !== undefined);
    if (first) grade.misconception = first.misconception;
  }
  if (summary) grade.summary = summary;
  return grade;
}

function note(text: string, misconception?: number): GradeNote {
  return misconception === undefined ? { text } : { text, misconception };
}

function choiceAt(question: SingleQuestion | MultipleQuestion | PredictQuestion, index: number): Choice {
  const choice = Number.isInteger(index) ? question.choices[index] : undefined;
  if (!choice) {
    throw new AnswerMismatchError(`choice ${index} does not exist in ${question.id} (it has ${question.choices.length})`);
  }
  return choice;
}

function gradeSingle(question: SingleQuestion | PredictQuestion, index: number): Grade {
  const choice = choiceAt(question, index);
  const correct = choice.correct === true;
  const notes: GradeNote[] = [];
  if (choice.feedback) notes.push(note(choice.feedback, choice.misconception));
  else if (!correct) notes.push(note(`"${choice.text}" is not the answer.`, choice.misconception));
  return finish(correct, question.explain, notes);
}

function gradeMultiple(question: MultipleQuestion, ticked: number[]): Grade {
  const set = new Set<number>();
  for (const i of ticked) {
    choiceAt(question, i);
    set.add(i);
  }
  const notes: GradeNote[] = [];
  const missedNotes: GradeNote[] = [];
  let rightTicked = 0;
  let wrongTicked = 0;
  let missed = 0;
  question.choices.forEach((choice, i) => {
    const isRight = choice.correct === true;
    const isTicked = set.has(i);
    if (isRight && isTicked) rightTicked++;
    if (!isRight && isTicked) {
      wrongTicked++;
      const why = choice.feedback ?? 'It does not belong in this answer.';
      notes.push(note(`You ticked "${choice.text}": ${why}`, choice.misconception));
    }
    if (isRight && !isTicked) {
      missed++;
      const why = choice.feedback ? ` ${choice.feedback}` : '';
      missedNotes.push(note(`You missed "${choice.text}": it is also right.${why}`, choice.misconception));
    }
  });
  const totalRight = question.choices.filter((c) => c.correct === true).length;
  const correct = wrongTicked === 0 && missed === 0;
  let summary: string | undefined;
  if (!correct) {
    const wrongPart = wrongTicked === 0 ? 'no wrong ones' : `${wrongTicked} wrong one${wrongTicked === 1 ? '' : 's'}`;
    summary = `You ticked ${rightTicked} of the ${totalRight} right answer${totalRight === 1 ? '' : 's'} and ${wrongPart}.`;
  }
  return finish(correct, question.explain, notes, summary, missedNotes);
}

/** Index of an item by exact text, else by forgiving text (authors' rules may differ in case). */
function indexOfItem(order: string[], item: string): number {
  const exact = order.indexOf(item);
  if (exact >= 0) return exact;
  const n = normalizeAnswer(item);
  return order.findIndex((x) => normalizeAnswer(x) === n);
}

function gradeOrder(question: OrderQuestion, order: string[]): Grade {
  const expected = question.items;
  const sortedA = [...order].sort();
  const sortedB = [...expected].sort();
  if (sortedA.length !== sortedB.length || sortedA.some((x, i) => x !== sortedB[i])) {
    throw new AnswerMismatchError(`the order given for ${question.id} is not a rearrangement of its items`);
  }
  const correct = order.every((x, i) => x === expected[i]);
  if (correct) return finish(true, question.explain, []);

  for (const rule of question.mistakes ?? []) {
    const b = indexOfItem(order, rule.before);
    const a = indexOfItem(order, rule.after);
    if (b >= 0 && a >= 0 && a < b) {
      return finish(false, question.explain, [note(rule.feedback, rule.misconception)]);
    }
  }
  const i = order.findIndex((x, k) => x !== expected[k]);
  const hint = `Not yet: "${expected[i]}" comes before "${order[i]}".`;
  return finish(false, question.explain, [note(hint)]);
}

function gradeText(question: TextQuestion, text: string): Grade {
  if (normalizeAnswer(text).length === 0) {
    return finish(false, question.explain, [note('No answer was typed.')]);
  }
  // Exact matches first (a known wrong answer must not be forgiven as a typo of a
  // right one), then near misses of right answers, then near misses of wrong ones.
  for (const accepted of question.accept) {
    if (matchText(text, accepted).kind === 'exact') return finish(true, question.explain, []);
  }
  for (const wrong of question.wrong ?? []) {
    if (matchText(text, wrong.answer).kind === 'exact') {
      return finish(false, question.explain, [note(wrong.feedback, wrong.misconception)]);
    }
  }
  for (const accepted of question.accept) {
    if (matchText(text, accepted).kind === 'near') {
      return finish(true, question.explain, [note(`Right — mind the spelling: "${accepted}".`)]);
    }
  }
  for (const wrong of question.wrong ?? []) {
    if (matchText(text, wrong.answer).kind === 'near') {
      return finish(false, question.explain, [note(wrong.feedback, wrong.misconception)]);
    }
  }
  return finish(false, question.explain, [note(`"${text.trim()}" is not what we are looking for.`)]);
}

function gradePickNode(question: PickNodeQuestion, node: string): Grade {
  if (typeof node !== 'string' || node.length === 0) {
    throw new AnswerMismatchError(`no node was picked for ${question.id}`);
  }
  const correct = question.answer.includes(node);
  const specific = question.feedback?.[node];
  const notes: GradeNote[] = [];
  if (specific) notes.push(note(specific));
  else if (!correct) notes.push(note(`${node} is not the one.`));
  return finish(correct, question.explain, notes);
}
