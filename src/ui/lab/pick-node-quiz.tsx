/**
 * A `pick-node` question: the scenario's diagram with a selection that Tab / ↑↓
 * move over its machines; Enter answers. The state machine (nothing selected at
 * first or on a retry) is quiz/kinds/pick-node-state.ts. A wrong node answers with
 * its own feedback (why that node is not it), `r` tries again and `s` shows the
 * answer; the explanation follows a right answer or that reveal.
 */
import React, { useEffect, useMemo, useState } from 'react';
import type { Step } from '../../course/types';
import { layoutDiagram, renderDiagram, type StyledLine } from '../../diagram';
import { PICK_START, gradePick, pickReducer, type PickState } from '../../quiz/kinds/pick-node-state';
import { misconceptionLabel } from '../../quiz/misconceptions';
import type { Grade, PickNodeQuestion } from '../../quiz/types';
import type { StepViewProps } from '../step-props';
import { useKeys, LAYER } from '../input';
import { useMachine } from '../quiz/use-machine';
import { matchCommand, type Context } from '../keymap';
import { Canvas } from './canvas';
import { paintLines } from './paint';
import { courseScenario } from './scenario-cache';
import { scenarioTopology } from './scenario-topology';
import { fitLine, wrapSegments, wrapStyled } from '../text';

type QuizStepData = Extract<Step, { kind: 'quiz' }>;

/**
 * The verdict, the answer's own feedback and (after a right answer, or once
 * `revealed`) the explanation, wrapped to `width`. A wrong answer alone never
 * shows the explanation: it names the right answer.
 * `verdicts`: the verdict's words when the answer is already named on screen (predict).
 * `retried`: a right answer after a wrong one, so say that the score keeps the
 * first try (as the other question kinds do).
 */
export function gradeLines(
  grade: Grade,
  picked: string,
  width: number,
  ascii: boolean,
  retried = false,
  verdicts?: { right: string; wrong: string },
  revealed = false,
): StyledLine[] {
  const out: StyledLine[] = [];
  const verdict: StyledLine = grade.correct
    ? [{ text: `${ascii ? 'OK' : '✓'} ${verdicts?.right ?? `Correct: ${picked}.`}`, style: 'up' }, ...(retried ? [{ text: '  (Your score keeps the first try.)', style: 'muted' as const }] : [])]
    : [{ text: `${ascii ? 'X' : '✗'} ${verdicts?.wrong ?? `Not ${picked}.`}`, style: 'down' }];
  // Wrapped, not cut: a predict choice's text can be longer than the line.
  out.push(...wrapSegments(verdict, width, 2));
  const notes = grade.notes?.length ? grade.notes : grade.feedback ? [{ text: grade.feedback, misconception: grade.misconception }] : [];
  for (const n of notes) {
    out.push(...wrapStyled(n.text, width, grade.correct ? 'up' : 'down', '  '));
    if (n.misconception !== undefined) out.push(...wrapStyled(misconceptionLabel(n.misconception), width, 'warn', '    ! '));
  }
  if (grade.correct || revealed) out.push(...wrapStyled(grade.explain, width, 'text', 'Why: ', 'replica'));
  return out;
}

/**
 * The keymap contexts for a pick-node question in this state, so the footer lists
 * only keys that work now (as quizContexts does for the other kinds): while open,
 * Tab / ↑↓ move, Enter answers, → skips and ← goes back; once answered, the
 * lesson's keys (↑↓ scroll only when `scrolls`), with r first after a wrong answer.
 */
export function pickNodeContexts(state: Pick<PickState, 'phase' | 'grade' | 'revealed'>, scrolls = false): Context[] {
  if (state.phase === 'choosing') return ['pickNode', 'question'];
  // ↑↓ only scroll when the answer does not fit; otherwise they are not offered.
  const lesson: Context = scrolls ? 'lesson' : 'stepDone';
  return state.grade?.correct || state.revealed ? [lesson] : ['wrongAnswer', lesson];
}

export function PickNodeQuiz(props: StepViewProps<QuizStepData>): React.ReactElement {
  const { step, width, height, theme, active, setContexts, onQuizAnswer, progress } = props;
  const question = step.question as PickNodeQuestion;
  const loaded = courseScenario(props.course, question.scenario);
  const topology = loaded.ok ? scenarioTopology(loaded.scenario) : undefined;
  const order = useMemo(() => (topology ? layoutDiagram(topology, { width: 200, live: false }).order : []), [topology]);
  const [state, dispatch, latest] = useMachine(pickReducer, (): PickState => PICK_START);
  // Answered wrong in an earlier visit: a right answer now does not change the score.
  const firstTryWrong = progress.quizzes[question.id]?.firstTryCorrect === false;
  const current = state.cursor >= 0 ? order[state.cursor] : undefined;
  // Lines scrolled up from the bottom once answered (feedback below a tall diagram).
  const [scrollUp, setScrollUp] = useState(0);
  useEffect(() => setScrollUp(0), [state.phase]);

  useKeys(
    (input, key) => {
      // The latest state, not this render's: keys can arrive faster than redraws.
      const state = latest();
      const current = state.cursor >= 0 ? order[state.cursor] : undefined;
      if (state.phase === 'choosing') {
        // → and ← are not taken: they fall through to the lesson (skip / back).
        const command = matchCommand(['pickNode'], input, key);
        if (command === 'nextNode') dispatch({ type: 'move', by: 1, count: order.length });
        else if (command === 'prevNode') dispatch({ type: 'move', by: -1, count: order.length });
        else if (command === 'submit') {
          // Enter with nothing selected is not an answer: say how to select instead.
          if (!current) {
            dispatch({ type: 'nudge' });
            return true;
          }
          const grade = gradePick(question, current);
          onQuizAnswer(question.id, grade.correct);
          dispatch({ type: 'answer', node: current, grade });
        } else return false;
        return true;
      }
      const command = matchCommand(['wrongAnswer', 'lesson'], input, key);
      if ((command === 'retry' || command === 'reveal') && !state.grade?.correct && !state.revealed) {
        dispatch({ type: command });
        return true;
      }
      if (command === 'up' || command === 'down') {
        setScrollUp((n) => Math.max(0, n + (command === 'up' ? 1 : -1)));
        return true;
      }
      return false; // answered: Enter / → go on to the next step
    },
    active,
    LAYER.step,
  );

  const { lines: text, scrolls: tall } = useMemo((): { lines: ReturnType<typeof paintLines>; scrolls: boolean } => {
    const ascii = theme.ascii;
    if (!loaded.ok || !topology) return { lines: paintLines(wrapStyled(`This question needs the scenario '${question.scenario}': ${loaded.ok ? '' : loaded.error}`, width, 'warn'), theme), scrolls: false };
    const top: StyledLine[] = [[{ text: 'PICK A NODE', style: 'muted' }], ...wrapStyled(question.prompt, width, 'title')];
    const hint: StyledLine =
      state.phase === 'choosing'
        ? current
          ? [{ text: `Tab or ${ascii ? 'up/down' : '↑↓'}: move over the machines · Enter: this one`, style: 'muted' }, { text: `  (now: ${current})`, style: 'selected' }]
          : state.nudged
            ? [{ text: `Nothing selected yet: Tab or ${ascii ? 'up/down' : '↑↓'} to move to a machine, then Enter`, style: 'warn' }]
            : [{ text: `now: nothing ${ascii ? '-' : '—'} Tab or ${ascii ? 'up/down' : '↑↓'} to move`, style: 'muted' }]
        : [{ text: state.grade?.correct || state.revealed ? '→ or Enter: next' : 'r: try again · s: show the answer · → or Enter: next', style: 'muted' }];
    const retried = state.wrong.length > 0 || firstTryWrong;
    const feedback = state.phase === 'answered' && state.grade && state.picked ? gradeLines(state.grade, state.picked, width, ascii, retried, undefined, state.revealed) : [];
    const highlight = state.grade?.correct ? [state.picked!] : state.revealed ? question.answer : undefined;
    const layout = layoutDiagram(topology, { width, ascii, live: false, dense: height < 30, highlight });
    const diagram = renderDiagram(layout, undefined, { selected: state.phase === 'choosing' ? current : state.picked }).map((l) => fitLine(l, width));
    if (state.wrong.length && state.phase === 'choosing') hint.push({ text: `  tried: ${state.wrong.join(', ')}`, style: 'down' });
    if (feedback.length) {
      // Answered: nothing is cut; when it all does not fit, the feedback shows at the
      // bottom and ↑↓ scroll back up to the diagram with its answer highlighted.
      const all = [...top, ...diagram, ...feedback, ...wrapSegments(hint, width, 2)];
      if (all.length <= height) return { lines: paintLines(all, theme), scrolls: false };
      const rows = Math.max(1, height - 1);
      const maxUp = all.length - rows;
      const up = Math.min(scrollUp, maxUp);
      const start = all.length - rows - up;
      const more: StyledLine = fitLine([{ text: `${ascii ? 'up/down' : '↑↓'} scroll · ${start} line${start === 1 ? '' : 's'} above${up > 0 ? `, ${up} below` : ''}`, style: 'muted' }], width);
      return { lines: paintLines([more, ...all.slice(start, start + rows)], theme), scrolls: true };
    }
    // Wrapped: with "tried: …" after it, the hint is longer than 80 columns.
    const hintLines = wrapSegments(hint, width, 2);
    const room = height - top.length - hintLines.length;
    const shown = diagram.length <= room ? diagram : diagram.slice(0, Math.max(0, room - 1)).concat([[{ text: '… diagram cut: the terminal is short', style: 'warn' }]]);
    return { lines: paintLines([...top, ...shown, ...hintLines].slice(0, height), theme), scrolls: false };
  }, [loaded, topology, question, state, current, width, height, theme, scrollUp, firstTryWrong]);
  // ↑↓ are offered only when the answered screen is taller than the body.
  const contextKey = pickNodeContexts(state, tall).join(' ');
  useEffect(() => {
    setContexts(pickNodeContexts(state, tall));
    // Only when the set of working keys changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contextKey, setContexts]);
  return <Canvas lines={text} width={width} />;
}
