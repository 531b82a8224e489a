/**
 * What a step looks like before its kind has a screen: a clearly-labelled box
 * naming the kind and where it comes from, so an author sees the step is there
 * and valid, and a learner can step past it.
 */
import React, { useEffect } from 'react';
import { Box, Text } from 'ink';
import type { StepViewProps } from '../step-props';
import type { Step } from '../../course/types';

/** A one-line summary of a step's content, for the placeholder. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'page':
      return 'a page of text';
    case 'quiz':
      return `quiz (${step.question.kind}): ${step.question.prompt}`;
    case 'diagram':
      return `diagram of the "${step.diagram.scenario}" scenario${step.diagram.caption ? `: ${step.diagram.caption}` : ''}`;
    case 'lab':
      return `lab on the "${step.lab.scenario}" scenario: ${step.lab.goal}`;
    case 'review':
      return `review checklist (${step.review.items.length} items)`;
    case 'build':
      return `design editor for task ${step.build.task}`;
  }
}

export function FallbackView({ step, lesson, theme, width, setContexts }: StepViewProps): React.ReactElement {
  useEffect(() => setContexts(['lesson']), [setContexts]);
  const muted = theme.color ? theme.colors.muted : undefined;
  return (
    <Box flexDirection="column" width={width} borderStyle={theme.ascii ? 'classic' : 'round'} borderColor={muted} paddingX={1}>
      <Text bold color={theme.color ? theme.colors.warn : undefined}>
        {step.kind} step: not available in this version yet
      </Text>
      <Text> </Text>
      <Text>{describeStep(step)}</Text>
      <Text> </Text>
      <Text color={muted} dimColor={!theme.color}>
        {lesson.file}:{step.pos.line}{theme.ascii ? ' - press the right arrow to go on' : ' · press → to go on'}
      </Text>
    </Box>
  );
}
