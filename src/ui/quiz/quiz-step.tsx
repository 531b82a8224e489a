/**
 * The view for ```quiz steps. Single, multiple, order and text questions are
 * answered here; pick-node and predict questions need the live simulator's
 * diagram and are drawn by the lab views (src/ui/lab).
 */
import React, { useEffect } from 'react';
import { Box, Text } from 'ink';
import type { StepViewProps } from '../step-props';
import { kindLabel } from './quiz-lines';
import { QuizQuestion, type QuizStepData } from './quiz-question';
import { tone } from './lines';
import { wrapText } from './wrap';

/** Shown for a question that needs the live view when that view is not available. */
function NeedsLiveView({ step, lesson, theme, width, setContexts }: StepViewProps<QuizStepData>): React.ReactElement {
  useEffect(() => setContexts(['lesson']), [setContexts]);
  const q = step.question;
  return (
    <Box flexDirection="column" width={width}>
      <Text color={tone(theme, 'muted')} dimColor={!theme.color}>
        {kindLabel(q.kind)}
      </Text>
      <Text bold>{wrapText(q.prompt, width).join('\n')}</Text>
      <Text> </Text>
      <Text color={tone(theme, 'warn')} bold>
        {wrapText('! This question needs the live view of the simulator, which this version cannot show here.', width).join('\n')}
      </Text>
      <Text color={tone(theme, 'muted')} dimColor={!theme.color}>
        {wrapText(`${lesson.file}:${step.pos.line} · press → to go on`, width).join('\n')}
      </Text>
    </Box>
  );
}

/** Registered in steps/registry.tsx as the `quiz` step view. */
export function QuizStep(props: StepViewProps<QuizStepData>): React.ReactElement {
  switch (props.step.question.kind) {
    case 'pick-node':
    case 'predict':
      return <NeedsLiveView {...props} />;
    default:
      return <QuizQuestion {...props} />;
  }
}
