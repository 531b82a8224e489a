/**
 * Renders a lab-area view (lab step, diagram step, pick-node / predict quiz) the way
 * the lesson screen does: inside the one input owner, with recorded callbacks.
 */
import React from 'react';
import { render } from 'ink-testing-library';
import type { Course, Lesson, Step } from '../../src/course/types';
import { emptyProgress } from '../../src/progress/types';
import type { LabRecord } from '../../src/progress/types';
import { InputProvider } from '../../src/ui/input';
import type { Context } from '../../src/ui/keymap';
import type { StepViewProps } from '../../src/ui/step-props';
import { makeTheme } from '../../src/ui/theme';

import { pressKey, until } from './press-key';
export { KEY } from '../keys';


export interface LabHarness {
  frame(): string;
  /** Send keys one at a time; each returns once React has handled it. */
  press(...keys: string[]): Promise<void>;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  answers: { id: string; correct: boolean }[];
  labs: { id: string; record: Omit<LabRecord, 'at'> }[];
  contexts: Context[][];
  /** The step's own footer keys, as reported with each `setContexts`. */
  footers: { label: string; description: string }[][];
  unhandled: string[];
  rerender(props: Partial<StepViewProps<Step>>): void;
  unmount(): void;
}

export function lessonWith(steps: Step[], id = 'lab-lesson'): Lesson {
  return { id, title: 'A lab lesson', chapterId: 'distributed', file: `lessons/02-distributed/01-${id}.md`, steps };
}

export function mountStep<S extends Step>(View: React.ComponentType<StepViewProps<S>>, step: S, opts: { width?: number; height?: number; active?: boolean; ascii?: boolean } = {}): LabHarness {
  const answers: LabHarness['answers'] = [];
  const labs: LabHarness['labs'] = [];
  const contexts: Context[][] = [];
  const footers: LabHarness['footers'] = [];
  const unhandled: string[] = [];
  const lesson = lessonWith([step]);
  const course: Course = { root: 'lessons', chapters: [{ id: 'distributed', title: 'Distributed', lessons: [lesson], dir: 'lessons/02-distributed' }] };
  let props: StepViewProps<S> = {
    course,
    lesson,
    step,
    stepIndex: 0,
    width: opts.width ?? 76,
    height: opts.height ?? 19,
    theme: makeTheme({ color: false, ascii: opts.ascii ?? false }),
    progress: emptyProgress(),
    onQuizAnswer: (id, correct) => answers.push({ id, correct }),
    onLabResult: (id, record) => labs.push({ id, record }),
    onReviewMark: () => {},
    setContexts: (c, extra) => {
      contexts.push(c);
      footers.push(extra ?? []);
    },
    active: opts.active ?? true,
  };
  const tree = (p: StepViewProps<S>) => (
    <InputProvider active={true} onUnhandled={(input) => void unhandled.push(input)}>
      <View {...p} />
    </InputProvider>
  );
  const app = render(tree(props));
  const frame = () => app.lastFrame() ?? '';
  return {
    frame,
    async press(...keys) {
      for (const k of keys) await pressKey(app.stdin, k);
    },
    async waitFor(text, timeoutMs = 3000) {
      const seen = () => (typeof text === 'string' ? frame().includes(text) : text.test(frame()));
      await until(seen, () => `waiting for ${String(text)}; frame:\n${frame()}`, timeoutMs);
      return frame();
    },
    answers,
    labs,
    contexts,
    footers,
    unhandled,
    rerender(p) {
      props = { ...props, ...(p as Partial<StepViewProps<S>>) };
      app.rerender(tree(props));
    },
    unmount: () => app.unmount(),
  };
}
