/**
 * Renders a quiz or review step the way the lesson screen does: inside the one
 * input owner, with a progress object and recorded callbacks.
 */
import React from 'react';
import { render } from 'ink-testing-library';
import type { Course, Lesson, Step } from '../../src/course/types';
import { emptyProgress, type Progress } from '../../src/progress/types';
import type { Question } from '../../src/quiz/types';
import { InputProvider } from '../../src/ui/input';
import type { Context } from '../../src/ui/keymap';
import type { StepViewProps } from '../../src/ui/step-props';
import { makeTheme } from '../../src/ui/theme';

import { pressKey, until } from './press-key';
export { KEY } from '../keys';


export interface Harness {
  frame(): string;
  press(...keys: string[]): Promise<void>;
  /** Wait until the frame contains `text` (or matches it), then return the frame; throws with the frame after `timeoutMs`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  answers: { id: string; correct: boolean }[];
  marks: { id: string; marked: boolean }[];
  contexts: Context[][];
  /** Keys that fell through to the root (what the app would treat as global). */
  unhandled: string[];
  unmount(): void;
}

export function lessonWith(steps: Step[], id = 'dns-basics', title = 'DNS basics'): Lesson {
  return { id, title, chapterId: 'simple-web-stack', file: `lessons/01-simple-web-stack/01-${id}.md`, steps };
}

export function courseWith(lessons: Lesson[]): Course {
  return { root: 'lessons', chapters: [{ id: 'simple-web-stack', title: 'Simple web stack', lessons, dir: 'lessons/01-simple-web-stack' }] };
}

export type QuizStepData = Extract<Step, { kind: 'quiz' }>;
export type ReviewStepData = Extract<Step, { kind: 'review' }>;

export const quizStep = (question: Question): QuizStepData => ({ kind: 'quiz', question, pos: { file: 'x.md', line: 10 } });
export const reviewStep = (items: ReviewStepData['review']['items']): ReviewStepData => ({ kind: 'review', review: { items }, pos: { file: 'x.md', line: 40 } });

export async function mount<S extends Step>(
  View: React.ComponentType<StepViewProps<S>>,
  step: S,
  opts: { progress?: Progress; course?: Course; lesson?: Lesson; width?: number; height?: number; color?: boolean } = {},
): Promise<Harness> {
  const answers: Harness['answers'] = [];
  const marks: Harness['marks'] = [];
  const contexts: Context[][] = [];
  const unhandled: string[] = [];
  const lesson = opts.lesson ?? lessonWith([step]);
  const course = opts.course ?? courseWith([lesson]);
  const props: StepViewProps<S> = {
    course,
    lesson,
    step,
    stepIndex: 0,
    width: opts.width ?? 76,
    height: opts.height ?? 18,
    theme: makeTheme({ color: opts.color ?? false }),
    progress: opts.progress ?? emptyProgress(),
    onQuizAnswer: (id, correct) => answers.push({ id, correct }),
    onLabResult: () => {},
    onReviewMark: (id, marked) => marks.push({ id, marked }),
    setContexts: (c) => contexts.push(c),
    active: true,
  };
  const app = render(
    <InputProvider active onUnhandled={(input, key) => void unhandled.push(key.return ? 'Enter' : key.rightArrow ? '→' : key.escape ? 'Esc' : input)}>
      <View {...props} />
    </InputProvider>,
  );
  // Keys are only taken once the view's effects have registered its handler, which
  // happens just after the first frame is drawn.
  await until(() => Boolean(app.lastFrame()), () => 'the first frame');
  return {
    frame: () => app.lastFrame() ?? '',
    async press(...keys) {
      for (const k of keys) await pressKey(app.stdin, k);
    },
    async waitFor(text, timeoutMs = 3000) {
      const found = () => {
        const f = app.lastFrame() ?? '';
        return typeof text === 'string' ? f.includes(text) : text.test(f);
      };
      await until(found, () => `waiting for ${String(text)} in:\n${app.lastFrame() ?? ''}`, timeoutMs);
      return app.lastFrame() ?? '';
    },
    answers,
    marks,
    contexts,
    unhandled,
    unmount: () => app.unmount(),
  };
}
