/**
 * One styled-line model, one painter: the quiz and review screens are built of the
 * diagram's own `StyledLine`s, painted by the same painter, and a quiz screen on
 * the terminal is exactly those lines painted.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import stripAnsi from 'strip-ansi';
import { layoutDiagram, renderDiagram, type StyledLine } from '../../src/diagram';
import { emptyProgress } from '../../src/progress/types';
import { initQuizSession, quizReducer } from '../../src/quiz/session';
import { lineText } from '../../src/text/styled-line';
import { paintLines } from '../../src/ui/lab/paint';
import { windowLines } from '../../src/ui/quiz/lines';
import { fitLine } from '../../src/ui/text';
import { quizLines } from '../../src/ui/quiz/quiz-lines';
import { QuizQuestion } from '../../src/ui/quiz/quiz-question';
import { reviewLines } from '../../src/ui/quiz/review-lines';
import { initReviewState } from '../../src/ui/quiz/use-review-state';
import { makeTheme } from '../../src/ui/theme';
import { topologyOf } from '../diagram/fixtures';
import { dnsSingle } from '../quiz/fixtures';
import { courseWith, lessonWith, mount, quizStep, type Harness } from './quiz-harness';

const theme = makeTheme({ color: true });
const answered = [{ type: 'choose', index: 1 }, { type: 'submit' }] as const;

let h: Harness | undefined;
afterEach(() => h?.unmount());

describe('one styled-line model', () => {
  it("quiz and review lines are the diagram's StyledLine", () => {
    const quiz = quizLines(initQuizSession(dnsSingle), 76, theme).lines;
    const review = reviewLines({ items: [{ text: 'What an A record is' }] }, initReviewState('r#review0', 1, emptyProgress()), courseWith([]), 76, theme).lines;
    expectTypeOf(quiz).toEqualTypeOf<StyledLine[]>();
    expectTypeOf(review).toEqualTypeOf<StyledLine[]>();
  });

  it('one painter paints a quiz screen and a diagram as one list of lines', () => {
    const state = answered.reduce(quizReducer, initQuizSession(dnsSingle));
    const quiz = quizLines(state, 76, theme).lines;
    const diagram = renderDiagram(layoutDiagram(topologyOf('simple-web-stack'), { width: 76, live: false }));
    const screen: StyledLine[] = [...quiz, ...diagram];
    const painted = paintLines(screen, theme);
    expect(painted.map(stripAnsi)).toEqual(screen.map(lineText));
    expect(painted.join('\n')).toContain('Not quite.');
    expect(painted.join('\n')).toContain('Users');
  });

  it("a diagram goes through the quiz's scrolling window like any other lines", () => {
    const diagram = renderDiagram(layoutDiagram(topologyOf('simple-web-stack'), { width: 76, live: false }));
    expect(diagram.length).toBeGreaterThan(3);
    const shown = windowLines(diagram, 0, undefined, 40, 3, false);
    expect(shown).toHaveLength(3);
    for (const line of shown) expect([...lineText(line)].length).toBeLessThanOrEqual(40);
    expect(shown.slice(0, 2)).toEqual(diagram.slice(0, 2).map((l) => fitLine(l, 40, '…')));
    expect(lineText(shown[2]!)).toBe(' ↓ more below (↑↓ scroll)');
  });

  it('a quiz step on screen is its lines, painted by the one painter', async () => {
    const step = quizStep(dnsSingle);
    h = await mount(QuizQuestion, step, { course: courseWith([lessonWith([step])]), width: 60, height: 12 });
    const state = initQuizSession(dnsSingle, { learner: emptyProgress().learner });
    const plain = makeTheme({ color: false });
    const expected = paintLines(windowLines(quizLines(state, 60, plain).lines, 0, undefined, 60, 12, false), plain);
    expect(h.frame().split('\n').map((l) => l.trimEnd())).toEqual(expected.map((l) => stripAnsi(l).trimEnd()));
  });
});
