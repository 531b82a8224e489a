/**
 * The diagram in words (D): the text alternative of the current step's diagram
 * (src/diagram/describe.ts), one machine per item, users first, in a scrolling
 * viewport over the screen, which keeps its state underneath (like the glossary).
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Course, Step } from '../../course/types';
import { describeDiagram } from '../../diagram/describe';
import { buildTopology } from '../../sim/spec/topology';
import { Viewport, useOverlayScroll } from '../components/viewport';
import { scenarioById } from '../lab/scenario-cache';
import type { Layout } from '../layout';
import { findLesson } from '../progress-ops';
import { truncate, wrapText } from '../text';
import type { Theme } from '../theme';

/** The scenario and drawing options of a step that shows a diagram, if it does. */
function diagramOf(step: Step | undefined): { scenario: string; show?: string[]; highlight?: string[] } | undefined {
  if (!step) return undefined;
  if (step.kind === 'diagram') return step.diagram;
  if (step.kind === 'lab') return { scenario: step.lab.scenario };
  // A question drawn on a scenario (pick-node, predict) names it in `scenario`.
  if (step.kind === 'quiz' && 'scenario' in step.question) return { scenario: step.question.scenario };
  return undefined;
}

/** The text alternative of a lesson step's diagram, or why there is none. */
export function describeStep(course: Course, lessonId: string, stepIndex: number): { title: string; items: string[] } {
  const step = findLesson(course, lessonId)?.lesson.steps[stepIndex];
  const d = diagramOf(step);
  if (!d) return { title: 'The diagram in words', items: ['This step has no diagram.'] };
  const sc = scenarioById(d.scenario);
  if (!sc.ok) return { title: 'The diagram in words', items: [sc.error] };
  const live = step?.kind === 'lab' || (step?.kind === 'quiz' && step.question.kind === 'predict');
  return {
    title: `The diagram in words: ${sc.scenario.name}${live ? ' (as built; the live state is in the view)' : ''}`,
    items: describeDiagram(buildTopology(sc.scenario), undefined, { show: d.show, highlight: d.highlight }),
  };
}

export interface DescribeOverlayProps {
  description: { title: string; items: string[] };
  layout: Layout;
  theme: Theme;
  active: boolean;
}

export function DescribeOverlay({ description, layout, theme, active }: DescribeOverlayProps): React.ReactElement {
  const width = layout.bodyWidth;
  const bullet = theme.ascii ? '- ' : '• ';
  const lines = useMemo(() => description.items.flatMap((item) => wrapText(item, width, bullet, '  ')), [description, width, bullet]);
  const viewHeight = Math.max(1, layout.frameHeight - 3);
  const safe = useOverlayScroll(lines.length, viewHeight, active);
  const accent = theme.color ? theme.colors.accent : undefined;
  return (
    <Box flexDirection="column" paddingX={layout.paddingX} width={layout.width} height={layout.frameHeight}>
      <Text bold color={accent} wrap="truncate">
        {truncate(description.title, width)}
      </Text>
      <Text> </Text>
      <Viewport lines={lines} offset={safe} width={width} height={viewHeight} theme={theme} />
      <Text dimColor wrap="truncate">
        {truncate('Esc/D close · ↑↓ PgUp/PgDn scroll · q quit', width)}
      </Text>
    </Box>
  );
}
