/**
 * Multiple choice: tick every right choice. Right iff exactly the right set is
 * ticked; one note per wrongly ticked distractor and a one-line summary (counts,
 * naming no choice). The notes on right choices left unticked go to `revealNotes`,
 * shown only once the learner asks for the answer.
 */
import type { GradeNote, MultipleQuestion } from '../types';
import { blockParts, type Assert, type Mirrors, type Zod } from './block';
import type { QuizSessionState } from '../session';
import { choiceAt, choiceProblems, choiceStart } from './choices';
import { finish, moveCursor, note, type QuizKind } from './kind';

function schema(z: Zod) {
  const b = blockParts(z);
  return z.strictObject({
    kind: z.literal('multiple'),
    ...b.question,
    choices: z.array(b.choice).check(z.minLength(2)),
    shuffle: z.optional(z.boolean()),
  });
}
export type MultipleSchemaMirrorsType = Assert<Mirrors<typeof schema, MultipleQuestion>>;

/** Tick or untick the choice under the cursor. */
function tick(state: QuizSessionState): QuizSessionState {
  if (state.cursor < 0) return { ...state, notice: 'Move to an answer with ↑↓ first.' };
  const choice = state.choiceOrder[state.cursor]!;
  const ticked = state.ticked.includes(choice) ? state.ticked.filter((c) => c !== choice) : [...state.ticked, choice];
  return { ...state, ticked, notice: null };
}

export const multiple: QuizKind<'multiple'> = {
  kind: 'multiple',
  schema,
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
  start: choiceStart,
  act(state, action) {
    if (state.phase !== 'answering') return state;
    const n = state.choiceOrder.length;
    switch (action.type) {
      case 'move':
        return moveCursor(state, action.delta, n);
      case 'choose':
        return action.index < 0 || action.index >= n ? state : tick({ ...state, cursor: action.index });
      case 'toggle':
        return tick(state);
      default:
        return state;
    }
  },
  answer: (state) =>
    state.ticked.length === 0
      ? { notice: 'Tick at least one answer with Space (or its number) first.' }
      : { kind: 'multiple', choices: [...state.ticked].sort((a, b) => a - b) },
};
