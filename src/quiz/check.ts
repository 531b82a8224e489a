/**
 * Authoring checks on one parsed question, beyond its shape (the course loader's
 * schema checks that): does it have a right answer, does every distractor explain
 * itself, can its rules ever fire. The validator (`webinfra-learn validate`) and the
 * curriculum tests report these with the block's file:line.
 */
import { isKnownMisconception } from './misconceptions';
import { matchText } from './text-match';
import type { Choice, Question } from './types';

export interface QuestionProblem {
  severity: 'error' | 'warning';
  message: string;
}

function checkMisconception(n: number | undefined, where: string, out: QuestionProblem[]): void {
  if (n !== undefined && !isKnownMisconception(n)) {
    out.push({ severity: 'error', message: `${where} names misconception ${n}, which CURRICULUM.md does not list (1–11)` });
  }
}

function checkChoices(choices: Choice[], exactlyOne: boolean, out: QuestionProblem[]): void {
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
}

/** Problems with `question`; an empty list means it is fine. */
export function questionProblems(question: Question): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  if (!question.explain?.trim()) out.push({ severity: 'error', message: 'has no explanation (explain:)' });
  switch (question.kind) {
    case 'single':
    case 'predict':
      checkChoices(question.choices, true, out);
      break;
    case 'multiple':
      checkChoices(question.choices, false, out);
      break;
    case 'order': {
      if (question.items.length < 2) out.push({ severity: 'error', message: 'needs at least two items to order' });
      if (new Set(question.items).size !== question.items.length) out.push({ severity: 'error', message: 'has the same item twice' });
      (question.mistakes ?? []).forEach((m, i) => {
        for (const end of [m.before, m.after]) {
          if (!question.items.includes(end)) out.push({ severity: 'error', message: `mistake ${i + 1} names "${end}", which is not one of the items` });
        }
        if (question.items.includes(m.before) && question.items.includes(m.after) && question.items.indexOf(m.before) > question.items.indexOf(m.after)) {
          out.push({ severity: 'error', message: `mistake ${i + 1} says "${m.before}" comes before "${m.after}", but the items put it after` });
        }
        checkMisconception(m.misconception, `mistake ${i + 1}`, out);
      });
      break;
    }
    case 'text':
      if (question.accept.length === 0) out.push({ severity: 'error', message: 'accepts no answer (accept: is empty)' });
      (question.wrong ?? []).forEach((w, i) => {
        if (question.accept.some((a) => matchText(w.answer, a).kind === 'exact')) {
          out.push({ severity: 'error', message: `wrong answer ${i + 1} ("${w.answer}") is also accepted` });
        }
        checkMisconception(w.misconception, `wrong answer ${i + 1}`, out);
      });
      break;
    case 'pick-node':
      if (question.answer.length === 0) out.push({ severity: 'error', message: 'has no correct node (answer: is empty)' });
      break;
  }
  return out;
}
