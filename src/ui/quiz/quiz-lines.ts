/**
 * What a quiz screen shows, as styled lines: a pure function of the session state,
 * the width and the theme. Each kind's part of the screen is one entry in each of
 * the tables here (OPEN_HINTS, OPEN_CONTEXTS, ANSWER_ROWS), so a new kind adds its
 * rows, its keys in words and its keymap contexts in this one file. Every state is told by a glyph and a word, never by
 * colour alone (✓ Correct / ✗ Not quite, [x]/[ ], "your answer", "missed").
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
import type { Theme } from '../theme';
import { blank, para, tone, type Line, type Seg } from './lines';

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

function choiceRows(state: QuizSessionState, width: number, theme: Theme): Line[] {
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
  const out: Line[] = [];
  state.choiceOrder.forEach((choiceIndex, pos) => {
    const choice = q.choices[choiceIndex]!;
    const here = !answered && pos === state.cursor;
    const on = answered ? chosenInAnswer(choiceIndex) : multiple ? state.ticked.includes(choiceIndex) : state.selected === choiceIndex;
    const box = multiple ? (on ? g.checkboxOn : g.checkboxOff) : on ? g.radioOn : g.radioOff;
    const pointer = here ? g.pointer : ' ';
    const number = pos < 9 ? `${pos + 1}.` : '  ';
    const first = `${pointer} ${box} ${number} `;
    const rest = ' '.repeat(first.length);
    const style: Omit<Seg, 'text'> = here ? { bold: true, color: tone(theme, 'accent') } : {};
    const lines = para(choice.text, width, style, first, rest, here ? { bold: true, color: tone(theme, 'accent') } : {});
    // On a retry nothing is chosen any more; the last try's choices stay named.
    const lastTry = !answered && chosenInAnswer(choiceIndex);
    if (answered || lastTry) {
      const right = choice.correct === true;
      let mark: Seg | undefined;
      if (lastTry) mark = { text: '  (last try)', color: tone(theme, 'muted'), dim: true };
      else if (on && right) mark = { text: `  ${g.right} right`, color: tone(theme, 'ok'), bold: true };
      else if (on && !right) mark = { text: `  ${g.wrong} ${multiple ? 'not right' : 'your answer'}`, color: tone(theme, 'bad'), bold: true };
      // Right choices not given are named only once the learner asks for the answer.
      else if (!on && right && state.revealed) mark = { text: multiple ? '  ! missed' : `  ${g.right} the answer`, color: tone(theme, 'warn'), bold: true };
      if (mark) {
        const last = lines[lines.length - 1]!;
        const used = last.segs.reduce((n, s) => n + [...s.text].length, 0);
        if (used + [...mark.text].length <= width) last.segs.push(mark);
        else lines.push({ segs: [{ text: rest }, { ...mark, text: mark.text.trimStart() }] });
      }
    }
    if (here && lines[0]) lines[0].anchor = 'cursor';
    out.push(...lines);
  });
  return out;
}

function orderRows(state: QuizSessionState, width: number, theme: Theme): Line[] {
  const g = theme.glyphs;
  const answered = state.phase === 'answered';
  const items = state.question.kind === 'order' ? state.question.items : [];
  const shown = answered && state.lastAnswer?.kind === 'order' ? state.lastAnswer.order : state.order;
  const out: Line[] = [];
  shown.forEach((item, pos) => {
    const here = !answered && pos === state.cursor;
    const carrying = here && state.held;
    const pointer = here ? g.pointer : ' ';
    const grip = carrying ? (theme.ascii ? '<>' : '⇅ ') : '  ';
    const first = `${pointer} ${grip}${pos + 1}. `;
    const rest = ' '.repeat(first.length);
    const style: Omit<Seg, 'text'> = carrying
      ? { bold: true, inverse: true }
      : here
        ? { bold: true, color: tone(theme, 'accent') }
        : {};
    const lines = para(item, width - 16, style, first, rest, here ? { bold: true, color: tone(theme, 'accent') } : {});
    if (carrying) lines[lines.length - 1]!.segs.push({ text: '  (moving)', color: tone(theme, 'muted') });
    if (answered) {
      const inPlace = items[pos] === item;
      lines[lines.length - 1]!.segs.push(
        inPlace
          ? { text: `  ${g.right} in place`, color: tone(theme, 'ok') }
          : { text: `  ${g.wrong} out of place`, color: tone(theme, 'bad'), bold: true },
      );
    }
    if (here && lines[0]) lines[0].anchor = 'cursor';
    out.push(...lines);
  });
  return out;
}

/** The text field: a one-line window on the text that keeps the caret in view. */
export function fieldSegs(text: string, caret: number, focused: boolean, width: number, theme: Theme): Seg[] {
  const prompt = focused ? `${theme.glyphs.pointer} ` : '  ';
  const avail = Math.max(4, width - prompt.length - 1);
  const chars = [...text];
  let start = 0;
  if (caret >= avail) start = caret - avail + 1;
  const visible = chars.slice(start, start + avail);
  const at = caret - start;
  const segs: Seg[] = [{ text: prompt, color: tone(theme, 'accent'), bold: true }];
  if (start > 0) segs.push({ text: '…', color: tone(theme, 'muted') });
  if (!focused) {
    segs.push({ text: visible.join('') || '(empty)', dim: visible.length === 0 });
    return segs;
  }
  segs.push({ text: visible.slice(0, at).join('') });
  segs.push({ text: visible[at] ?? ' ', inverse: true });
  segs.push({ text: visible.slice(at + 1).join('') });
  return segs;
}

function textRows(state: QuizSessionState, width: number, theme: Theme): Line[] {
  const placeholder = state.question.kind === 'text' ? state.question.placeholder : undefined;
  const out: Line[] = [];
  if (placeholder && state.text.length === 0 && state.phase === 'answering') {
    out.push(...para(placeholder, width, { color: tone(theme, 'muted'), dim: !theme.color }, '  (', '   ').map((l, i, all) => {
      if (i === all.length - 1) l.segs.push({ text: ')', color: tone(theme, 'muted') });
      return l;
    }));
  }
  const field: Line = { segs: fieldSegs(state.text, state.caret, state.focused && state.phase === 'answering', width, theme), anchor: 'cursor' };
  out.push(field);
  // On a retry the field starts empty; the answer that was wrong stays in sight.
  if (state.phase === 'answering' && state.lastAnswer?.kind === 'text') {
    out.push(...para(`last try: ${state.lastAnswer.text}`, width, { color: tone(theme, 'muted'), dim: true }, '  ', '  '));
  }
  if (state.phase === 'answered') {
    const ok = state.grade?.correct === true;
    field.segs.push(
      ok
        ? { text: `  ${theme.glyphs.right} right`, color: tone(theme, 'ok'), bold: true }
        : { text: `  ${theme.glyphs.wrong} your answer`, color: tone(theme, 'bad'), bold: true },
    );
    delete field.anchor;
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

function feedbackRows(state: QuizSessionState, width: number, theme: Theme): Line[] {
  const grade = state.grade;
  if (!grade) return [];
  const g = theme.glyphs;
  const out: Line[] = [];
  let verdict: Seg[];
  if (grade.correct) {
    // Solved on a retry: say plainly that the score is the first try's.
    const tail = state.firstTryCorrect === false ? '  (Your score keeps the first try.)' : '';
    verdict = [{ text: `${g.right} Correct.`, color: tone(theme, 'ok'), bold: true }, { text: tail, color: tone(theme, 'muted') }];
  } else if (state.revealed) {
    const tail = state.lastAnswer ? '' : '  (Counted as missed.)';
    verdict = [{ text: `${g.wrong} The answer, shown.`, color: tone(theme, 'bad'), bold: true }, { text: tail, color: tone(theme, 'muted') }];
  } else {
    verdict = [{ text: `${g.wrong} Not quite.`, color: tone(theme, 'bad'), bold: true }];
  }
  out.push({ segs: verdict, anchor: 'verdict' });
  if (grade.summary) out.push(...para(grade.summary, width, {}, '  '));
  const notes = [...(grade.notes ?? []), ...(state.revealed ? (grade.revealNotes ?? []) : [])];
  for (const note of notes) {
    out.push(...para(note.text, width, {}, `  ${g.bullet} `, '    ', { color: tone(theme, grade.correct ? 'ok' : 'bad') }));
    if (note.misconception !== undefined) {
      out.push(...para(misconceptionLabel(note.misconception), width, { color: tone(theme, 'warn'), italic: true }, '    ! ', '      '));
    }
  }
  if (!grade.correct && !state.revealed) return out;
  out.push(...revealedAnswer(state, width, theme));
  out.push(blank());
  out.push(...para(grade.explain, width, {}, 'Why: ', '     ', { bold: true, color: tone(theme, 'info') }));
  return out;
}

/** Once revealed, the right answer of an order or text question (choices are marked in place). */
function revealedAnswer(state: QuizSessionState, width: number, theme: Theme): Line[] {
  const q = state.question;
  if (!state.revealed) return [];
  const label = { bold: true, color: tone(theme, 'ok') };
  if (q.kind === 'order') return [blank(), ...para('The right order:', width, label), ...q.items.flatMap((item, i) => para(item, width, {}, `  ${i + 1}. `, '     '))];
  if (q.kind === 'text') return [blank(), ...para(q.accept[0] ?? '', width, {}, 'The answer: ', '            ', label)];
  return [];
}

/** Per kind, the rows a learner answers in (pick-node draws its own view, with the diagram). */
const ANSWER_ROWS: { readonly [K in QuestionKind]: (state: QuizSessionState, width: number, theme: Theme) => Line[] } = {
  single: choiceRows,
  multiple: choiceRows,
  predict: choiceRows,
  order: orderRows,
  text: textRows,
  'pick-node': () => [],
};

/** Every line of a quiz screen (single, multiple, order, text) for `state`. */
export function quizLines(state: QuizSessionState, width: number, theme: Theme): Line[] {
  const out: Line[] = [];
  const previous = previousLabel(state, theme);
  out.push({ segs: [{ text: kindLabel(state.question.kind), color: tone(theme, 'muted'), dim: !theme.color }] });
  if (previous) out.push(...para(previous, width, { color: tone(theme, 'info') }));
  out.push(...para(state.question.prompt, width, { bold: true }));
  out.push(blank());
  out.push(...ANSWER_ROWS[state.question.kind](state, width, theme));
  if (state.notice) {
    out.push(blank());
    out.push(...para(state.notice, width, { color: tone(theme, 'warn'), bold: true }, '! ', '  '));
  }
  if (state.phase === 'answered') {
    out.push(blank());
    out.push(...feedbackRows(state, width, theme));
  }
  out.push(blank());
  out.push(...para(hintLine(state), width, { color: tone(theme, 'muted'), dim: !theme.color }));
  return out;
}
