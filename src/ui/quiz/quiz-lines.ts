/**
 * What a quiz screen shows, as styled lines (src/text/styled-line.ts, painted by
 * the one painter): a pure function of the session state, the width and the
 * theme's glyphs. Each kind's part of the screen is one entry in each of the tables
 * here (OPEN_HINTS, OPEN_CONTEXTS, ANSWER_ROWS), so a new kind adds its rows, its
 * keys in words and its keymap contexts in this one file. Every state is told by a
 * glyph and a word, never by colour alone (✓ Correct / ✗ Not quite, [x]/[ ],
 * "your answer", "missed").
 *
 * Nothing gives the answer away: after a wrong answer only that answer's feedback
 * shows; the explanation, the right choices and the missed ones appear after a
 * right answer or once the learner asks for the answer (`revealed`).
 */
import { misconceptionLabel } from '../../quiz/misconceptions';
import type { QuizSessionState } from '../../quiz/session';
import { quizKind } from '../../quiz/registry';
import type { Choice, QuestionKind } from '../../quiz/types';
import type { Context } from '../keymap';
import type { LineStyle, Segment, StyledLine } from '../../text/styled-line';
import { wrapStyled } from '../text';
import type { Theme } from '../theme';
import { addLines, blank, screenLines, type ScreenLines } from './lines';

/** The instruction shown above a question of each kind (each kind's module says it). */
export function kindLabel(kind: QuestionKind): string {
  return quizKind(kind).label;
}

/** "Answered before: …" for a question with a saved record. */
export function previousLabel(state: QuizSessionState, theme: Theme): string | undefined {
  const p = state.previous;
  if (!p) return undefined;
  const g = theme.glyphs;
  const tries = `${p.attempts} ${p.attempts === 1 ? 'try' : 'tries'}`;
  if (p.firstTryCorrect) return `Answered before: ${g.right} right on the first try.`;
  if (p.solved) return `Answered before: ${g.wrong} wrong on the first try, then right (${tries}).`;
  return `Answered before: ${g.wrong} not right yet (${tries}).`;
}

function choiceRows(state: QuizSessionState, width: number, theme: Theme): ScreenLines {
  const q = state.question as { choices: Choice[]; kind: 'single' | 'multiple' | 'predict' };
  const g = theme.glyphs;
  const answered = state.phase === 'answered';
  const multiple = q.kind === 'multiple';
  const chosenInAnswer = (i: number): boolean => {
    const a = state.lastAnswer;
    if (!a) return false;
    if (a.kind === 'multiple') return a.choices.includes(i);
    if (a.kind === 'single' || a.kind === 'predict') return a.choice === i;
    return false;
  };
  const out = screenLines();
  state.choiceOrder.forEach((choiceIndex, pos) => {
    const choice = q.choices[choiceIndex]!;
    const here = !answered && pos === state.cursor;
    const on = answered ? chosenInAnswer(choiceIndex) : multiple ? state.ticked.includes(choiceIndex) : state.selected === choiceIndex;
    const box = multiple ? (on ? g.checkboxOn : g.checkboxOff) : on ? g.radioOn : g.radioOff;
    const pointer = here ? g.pointer : ' ';
    const number = pos < 9 ? `${pos + 1}.` : '  ';
    const first = `${pointer} ${box} ${number} `;
    const rest = ' '.repeat(first.length);
    const lines = wrapStyled(choice.text, width, here ? 'cursor' : 'text', first);
    // On a retry nothing is chosen any more; the last try's choices stay named.
    const lastTry = !answered && chosenInAnswer(choiceIndex);
    if (answered || lastTry) {
      const right = choice.correct === true;
      let mark: Segment | undefined;
      if (lastTry) mark = { text: '  (last try)', style: 'faint' };
      else if (on && right) mark = { text: `  ${g.right} right`, style: 'correct' };
      else if (on && !right) mark = { text: `  ${g.wrong} ${multiple ? 'not right' : 'your answer'}`, style: 'wrong' };
      // Right choices not given are named only once the learner asks for the answer.
      else if (!on && right && state.revealed) mark = { text: multiple ? '  ! missed' : `  ${g.right} the answer`, style: 'alert' };
      if (mark) {
        const last = lines[lines.length - 1]!;
        const used = last.reduce((n, s) => n + [...s.text].length, 0);
        if (used + [...mark.text].length <= width) last.push(mark);
        else lines.push([{ text: rest, style: 'text' }, { ...mark, text: mark.text.trimStart() }]);
      }
    }
    addLines(out, lines, here ? 'cursor' : undefined);
  });
  return out;
}

function orderRows(state: QuizSessionState, width: number, theme: Theme): ScreenLines {
  const g = theme.glyphs;
  const answered = state.phase === 'answered';
  const items = state.question.kind === 'order' ? state.question.items : [];
  const shown = answered && state.lastAnswer?.kind === 'order' ? state.lastAnswer.order : state.order;
  const out = screenLines();
  shown.forEach((item, pos) => {
    const here = !answered && pos === state.cursor;
    const carrying = here && state.held;
    const pointer = here ? g.pointer : ' ';
    const grip = carrying ? (theme.ascii ? '<>' : '⇅ ') : '  ';
    const first = `${pointer} ${grip}${pos + 1}. `;
    const lines = wrapStyled(item, width - 16, carrying ? 'carried' : here ? 'cursor' : 'text', first, here ? 'cursor' : 'text');
    if (carrying) lines[lines.length - 1]!.push({ text: '  (moving)', style: 'muted' });
    if (answered) {
      const inPlace = items[pos] === item;
      lines[lines.length - 1]!.push(inPlace ? { text: `  ${g.right} in place`, style: 'good' } : { text: `  ${g.wrong} out of place`, style: 'wrong' });
    }
    addLines(out, lines, here ? 'cursor' : undefined);
  });
  return out;
}

/** The text field: a one-line window on the text that keeps the caret in view. */
export function fieldSegs(text: string, caret: number, focused: boolean, width: number, theme: Theme): StyledLine {
  const prompt = focused ? `${theme.glyphs.pointer} ` : '  ';
  const avail = Math.max(4, width - prompt.length - 1);
  const chars = [...text];
  let start = 0;
  if (caret >= avail) start = caret - avail + 1;
  const visible = chars.slice(start, start + avail);
  const at = caret - start;
  const segs: StyledLine = [{ text: prompt, style: 'cursor' }];
  if (start > 0) segs.push({ text: '…', style: 'muted' });
  if (!focused) {
    segs.push({ text: visible.join('') || '(empty)', style: visible.length === 0 ? 'dim' : 'text' });
    return segs;
  }
  segs.push({ text: visible.slice(0, at).join(''), style: 'text' });
  segs.push({ text: visible[at] ?? ' ', style: 'caret' });
  segs.push({ text: visible.slice(at + 1).join(''), style: 'text' });
  return segs;
}

function textRows(state: QuizSessionState, width: number, theme: Theme): ScreenLines {
  const placeholder = state.question.kind === 'text' ? state.question.placeholder : undefined;
  const out = screenLines();
  if (placeholder && state.text.length === 0 && state.phase === 'answering') {
    const lines = wrapStyled(placeholder, width, 'hint', '  (');
    lines[lines.length - 1]!.push({ text: ')', style: 'muted' });
    addLines(out, lines);
  }
  const field = fieldSegs(state.text, state.caret, state.focused && state.phase === 'answering', width, theme);
  if (state.phase === 'answered') {
    const ok = state.grade?.correct === true;
    field.push(ok ? { text: `  ${theme.glyphs.right} right`, style: 'correct' } : { text: `  ${theme.glyphs.wrong} your answer`, style: 'wrong' });
  }
  // The window keeps the field in view while it is being answered.
  addLines(out, [field], state.phase === 'answered' ? undefined : 'cursor');
  // On a retry the field starts empty; the answer that was wrong stays in sight.
  if (state.phase === 'answering' && state.lastAnswer?.kind === 'text') {
    addLines(out, wrapStyled(`last try: ${state.lastAnswer.text}`, width, 'faint', '  '));
  }
  return out;
}

/** Per kind, the keys that work while a question is open, in words. */
const OPEN_HINTS: { readonly [K in QuestionKind]: (state: QuizSessionState) => string } = {
  single: () => '↑↓ or 1–9: choose · Enter: answer',
  predict: () => '↑↓ or 1–9: choose · Enter: answer',
  multiple: () => '↑↓ move · Space or 1–9: tick · Enter: answer',
  order: (state) =>
    state.held ? '↑↓ carry the item · Space: put it down · Enter: answer' : '↑↓ move · Space: pick up · Shift+↑↓ or K/J: move item · Enter: answer',
  text: (state) => {
    if (!state.focused) return 'Enter: type your answer · → skip · ← back';
    return state.text.length === 0
      ? 'Type your answer · Enter: answer · Esc leaves the field · → skip · ← back'
      : 'Type your answer · Enter: answer · Esc leaves the field';
  },
  'pick-node': () => 'Tab: pick a node · Enter: answer',
};

/**
 * The keymap contexts that apply to a question in this state, so the footer lists
 * only keys that work now: while it is open, its own keys and → skip / ← back (not
 * the lesson's Enter, which answers); while typing, only Enter, Esc and Ctrl+C (and
 * ← → when the field is empty); once answered, the lesson's keys, with r (try
 * again) and s (show the answer) first after a wrong answer.
 */
export function quizContexts(state: QuizSessionState): Context[] {
  if (state.phase === 'answered') return state.grade?.correct || state.revealed ? ['lesson'] : ['wrongAnswer', 'lesson'];
  return OPEN_CONTEXTS[state.question.kind](state);
}

/** Per kind, the keymap contexts while a question is open (most specific first). */
const OPEN_CONTEXTS: { readonly [K in QuestionKind]: (state: QuizSessionState) => Context[] } = {
  single: () => ['quiz', 'question'],
  predict: () => ['quiz', 'question'],
  'pick-node': () => ['pickNode', 'question'],
  multiple: () => ['multipleChoice', 'quiz', 'question'],
  order: () => ['ordering', 'quiz', 'question'],
  text: (state) => (!state.focused ? ['field', 'question'] : state.text.length === 0 ? ['typing', 'question'] : ['typing']),
};

/** The keys that apply now, in words (the footer lists the lesson keys). */
export function hintLine(state: QuizSessionState): string {
  if (state.phase === 'answered') {
    return state.grade?.correct || state.revealed ? '→ or Enter: next' : 'r: try again · s: show the answer · → or Enter: next';
  }
  return OPEN_HINTS[state.question.kind](state);
}

function feedbackRows(state: QuizSessionState, width: number, theme: Theme): ScreenLines {
  const grade = state.grade;
  const out = screenLines();
  if (!grade) return out;
  const g = theme.glyphs;
  let verdict: StyledLine;
  if (grade.correct) {
    // Solved on a retry: say plainly that the score is the first try's.
    const tail = state.firstTryCorrect === false ? '  (Your score keeps the first try.)' : '';
    verdict = [{ text: `${g.right} Correct.`, style: 'correct' }, { text: tail, style: 'muted' }];
  } else if (state.revealed) {
    const tail = state.lastAnswer ? '' : '  (Counted as missed.)';
    verdict = [{ text: `${g.wrong} The answer, shown.`, style: 'wrong' }, { text: tail, style: 'muted' }];
  } else {
    verdict = [{ text: `${g.wrong} Not quite.`, style: 'wrong' }];
  }
  addLines(out, [verdict], 'verdict');
  if (grade.summary) addLines(out, wrapStyled(grade.summary, width, 'text', '  '));
  const notes = [...(grade.notes ?? []), ...(state.revealed ? (grade.revealNotes ?? []) : [])];
  for (const note of notes) {
    addLines(out, wrapStyled(note.text, width, 'text', `  ${g.bullet} `, grade.correct ? 'good' : 'bad'));
    if (note.misconception !== undefined) {
      addLines(out, wrapStyled(misconceptionLabel(note.misconception), width, 'misconception', '    ! '));
    }
  }
  if (!grade.correct && !state.revealed) return out;
  addLines(out, revealedAnswer(state, width));
  addLines(out, [blank()]);
  addLines(out, wrapStyled(grade.explain, width, 'text', 'Why: ', 'label'));
  return out;
}

/** Once revealed, the right answer of an order or text question (choices are marked in place). */
function revealedAnswer(state: QuizSessionState, width: number): StyledLine[] {
  const q = state.question;
  if (!state.revealed) return [];
  if (q.kind === 'order') return [blank(), ...wrapStyled('The right order:', width, 'correct'), ...q.items.flatMap((item, i) => wrapStyled(item, width, 'text', `  ${i + 1}. `))];
  if (q.kind === 'text') return [blank(), ...wrapStyled(q.accept[0] ?? '', width, 'text', 'The answer: ', 'correct')];
  return [];
}

/** Per kind, the rows a learner answers in (pick-node draws its own view, with the diagram). */
const ANSWER_ROWS: { readonly [K in QuestionKind]: (state: QuizSessionState, width: number, theme: Theme) => ScreenLines } = {
  single: choiceRows,
  multiple: choiceRows,
  predict: choiceRows,
  order: orderRows,
  text: textRows,
  'pick-node': () => screenLines(),
};

/** Every line of a quiz screen (single, multiple, order, text) for `state`. */
export function quizLines(state: QuizSessionState, width: number, theme: Theme): ScreenLines {
  const out = screenLines();
  const previous = previousLabel(state, theme);
  const line = (text: string, style: LineStyle): StyledLine[] => wrapStyled(text, width, style);
  addLines(out, [[{ text: kindLabel(state.question.kind), style: 'hint' }]]);
  if (previous) addLines(out, line(previous, 'info'));
  addLines(out, [...line(state.question.prompt, 'bold'), blank()]);
  addLines(out, ANSWER_ROWS[state.question.kind](state, width, theme));
  if (state.notice) addLines(out, [blank(), ...wrapStyled(state.notice, width, 'alert', '! ')]);
  if (state.phase === 'answered') {
    addLines(out, [blank()]);
    addLines(out, feedbackRows(state, width, theme));
  }
  addLines(out, [blank(), ...line(hintLine(state), 'hint')]);
  return out;
}
