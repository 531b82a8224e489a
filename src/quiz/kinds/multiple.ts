/**
 * Multiple choice: tick every right choice. Right iff exactly the right set is
 * ticked; one note per wrongly ticked distractor and a one-line summary (counts,
 * naming no choice). The notes on right choices left unticked go to `revealNotes`,
 * shown only once the learner asks for the answer.
 */
import type { GradeNote } from '../types';
import { choiceAt, choiceProblems } from './choices';
import { finish, note, type QuizKind } from './kind';

export const multiple: QuizKind<'multiple'> = {
  kind: 'multiple',
  label: 'Tick every right answer',
  grade(question, answer) {
    const set = new Set<number>();
    for (const i of answer.choices) {
      choiceAt(question, i);
      set.add(i);
    }
    const notes: GradeNote[] = [];
    const missedNotes: GradeNote[] = [];
    let rightTicked = 0;
    let wrongTicked = 0;
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
        const why = choice.feedback ? ` ${choice.feedback}` : '';
        missedNotes.push(note(`You missed "${choice.text}": it is also right.${why}`, choice.misconception));
      }
    });
    const totalRight = question.choices.filter((c) => c.correct === true).length;
    const correct = wrongTicked === 0 && missedNotes.length === 0;
    let summary: string | undefined;
    if (!correct) {
      const wrongPart = wrongTicked === 0 ? 'no wrong ones' : `${wrongTicked} wrong one${wrongTicked === 1 ? '' : 's'}`;
      summary = `You ticked ${rightTicked} of the ${totalRight} right answer${totalRight === 1 ? '' : 's'} and ${wrongPart}.`;
    }
    return finish(correct, question.explain, notes, summary, missedNotes);
  },
  problems: (question) => choiceProblems(question.choices, false),
  answer: (state) =>
    state.ticked.length === 0
      ? { notice: 'Tick at least one answer with Space (or its number) first.' }
      : { kind: 'multiple', choices: [...state.ticked].sort((a, b) => a - b) },
};
