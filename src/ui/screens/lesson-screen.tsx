/**
 * The lesson screen: header `Chapter › Lesson   step k/n` with a thin progress
 * line, the current step's view as the body, and a footer of the keys that work on
 * this step. Also used, with another title, to replay missed questions.
 *
 * Keys: the step view sees keys first (LAYER.step); what it leaves, this screen
 * turns into next / back; what this screen leaves goes to the root (help, map, quit).
 */
import type { ScreenProps } from './screen-props';
import React, { Suspense, useCallback, useState } from 'react';
import { Text } from 'ink';
import type { Step } from '../../course/types';
import type { LabRecord } from '../../progress/types';
import { matchCommand, type Context } from '../keymap';
import { LAYER, useHoldKeys, useKeys } from '../input';
import { findLesson } from '../progress-ops';
import { Frame, type FooterItem } from '../components/frame';
import { ellipsisFor } from '../text';
import { stepViewFor } from '../steps/registry';
import type { StepViewProps } from '../step-props';

export interface LessonScreenProps extends ScreenProps {
  lessonId: string;
  step: number;
  /** Replaces the header's title and status (the "review what I missed" flow). */
  heading?: { title: string; status: string; progress: number };
}

/** Keymap contexts a step starts with, before its view says otherwise. */
export function defaultContexts(step: Step): Context[] {
  switch (step.kind) {
    case 'quiz':
      // An open question: Enter answers it, so the lesson's Enter-next is not offered.
      return ['quiz', 'question'];
    case 'review':
      return ['checklist', 'lesson'];
    case 'lab':
      return ['lab', 'labStep', 'stepDone'];
    case 'build':
      return ['designStep', 'design'];
    default:
      return ['lesson'];
  }
}

export function LessonScreen(props: LessonScreenProps): React.ReactElement | null {
  const { course, lessonId, step: stepIndex, progress, layout, theme, help, active, dispatch, heading } = props;
  const info = findLesson(course, lessonId);
  const lesson = info?.lesson;
  const step = lesson?.steps[stepIndex];
  const stepKey = `${lessonId}#${stepIndex}`;

  // Contexts the step view reported, remembered per step so a new step starts from its default.
  const [reported, setReported] = useState<{ key: string; contexts: Context[]; extra?: FooterItem[] } | undefined>();
  const setContexts = useCallback((contexts: Context[], extra?: FooterItem[]) => setReported({ key: stepKey, contexts, extra }), [stepKey]);
  const contexts = reported?.key === stepKey ? reported.contexts : step ? defaultContexts(step) : ['lesson' as Context];
  const extraFooter = reported?.key === stepKey ? reported.extra : undefined;

  useKeys(
    (input, key) => {
      switch (matchCommand(['lesson'], input, key)) {
        case 'next':
          dispatch({ type: 'next' });
          return true;
        case 'prev':
          dispatch({ type: 'prev' });
          return true;
        case 'pageDown':
          // Space at the bottom of a page (the page view let it through) turns the page.
          if (step?.kind !== 'page') return false;
          dispatch({ type: 'next' });
          return true;
        default:
          return false;
      }
    },
    active,
    LAYER.screen,
  );

  const onQuizAnswer = useCallback((questionId: string, correct: boolean) => dispatch({ type: 'quizAnswer', questionId, correct }), [dispatch]);
  const onLabResult = useCallback(
    (labId: string, record: Omit<LabRecord, 'at'>) => dispatch({ type: 'labResult', labId, passed: record.passed, completed: record.completed }),
    [dispatch],
  );
  const onReviewMark = useCallback((itemId: string, marked: boolean) => dispatch({ type: 'reviewMark', itemId, marked }), [dispatch]);

  if (!info || !lesson || !step) return null;
  const chapter = course.chapters[info.chapterIndex];
  const n = lesson.steps.length;
  const title = heading?.title ?? `${chapter?.title ?? ''} ${theme.ascii ? '>' : '›'} ${lesson.title}`;
  const status = heading?.status ?? `step ${stepIndex + 1}/${n}`;
  const fraction = heading?.progress ?? (stepIndex + 1) / n;

  const View = stepViewFor(step.kind);
  const viewProps: StepViewProps = {
    course,
    lesson,
    step,
    stepIndex,
    width: layout.bodyWidth,
    height: layout.bodyHeight,
    theme,
    progress,
    onQuizAnswer,
    onLabResult,
    onReviewMark,
    setContexts,
    active,
  };
  return (
    <Frame layout={layout} theme={theme} title={title} status={status} progress={fraction} contexts={contexts} extraFooter={extraFooter} help={help}>
      <Suspense fallback={<Loading color={theme.color ? theme.colors.muted : undefined} text={`loading${ellipsisFor(theme)}`} />}>
        <View key={stepKey} {...viewProps} />
      </Suspense>
    </Frame>
  );
}

/** Drawn while a step's view loads; the keys typed meanwhile wait for the view. */
function Loading({ color, text }: { color?: string; text: string }): React.ReactElement {
  useHoldKeys();
  return <Text color={color}>{text}</Text>;
}
