/**
 * A ```diagram step: a scenario's topology drawn (not hand-typed art, so it always
 * agrees with the labs), with chosen nodes highlighted, only some shown (to reveal a
 * design component by component) and a caption. ↑/↓ scroll when it is taller than
 * the screen; every other key falls through to the lesson.
 */
import React, { useEffect, useMemo, useState } from 'react';
import type { Step } from '../../course/types';
import { layoutDiagram, legendLine, renderDiagram, type StyledLine } from '../../diagram';
import type { StepViewProps } from '../step-props';
import { useKeys, LAYER } from '../input';
import { matchCommand } from '../keymap';
import { Canvas } from '../lab/canvas';
import { paintLines } from '../lab/paint';
import { courseScenario } from '../lab/scenario-cache';
import type { Course } from '../../course/types';
import { scenarioTopology } from '../lab/scenario-topology';
import { fitLine, wrapStyled } from '../text';

type DiagramStepData = Extract<Step, { kind: 'diagram' }>;

/** All lines of a diagram step (pure; exported for tests). */
export function diagramStepLines(step: DiagramStepData, width: number, ascii: boolean, course: Pick<Course, 'scenarios'> = {}): StyledLine[] {
  const d = step.diagram;
  const loaded = courseScenario(course, d.scenario);
  if (!loaded.ok) return wrapStyled(`This diagram needs the scenario '${d.scenario}', which could not be loaded: ${loaded.error}`, width, 'warn');
  const topology = scenarioTopology(loaded.scenario);
  const known = new Set(topology.nodes.map((n) => n.id));
  const unknown = [...(d.highlight ?? []), ...(d.show ?? [])].filter((id) => !known.has(id));
  const layout = layoutDiagram(topology, { width, ascii, live: false, highlight: d.highlight, show: d.show });
  const lines: StyledLine[] = [];
  if (d.caption) lines.push(...wrapStyled(d.caption, width, 'title'), []);
  lines.push(...renderDiagram(layout).map((l) => fitLine(l, width)));
  const legend = legendLine(layout);
  if (legend.length) lines.push([], fitLine(legend, width));
  if (unknown.length) lines.push(fitLine([{ text: `! unknown node id(s) in this diagram block: ${unknown.join(', ')}`, style: 'warn' }], width));
  if (step.markdown) lines.push([], ...wrapStyled(step.markdown, width, 'text'));
  return lines;
}

/** Registered in steps/registry.tsx as the `diagram` step view. */
export function DiagramStep({ course, step, width, height, theme, active, setContexts }: StepViewProps<DiagramStepData>): React.ReactElement {
  useEffect(() => {
    setContexts(['lesson']);
  }, [setContexts]);
  const lines = useMemo(() => diagramStepLines(step, width, theme.ascii, course), [step, width, theme.ascii, course]);
  const [offset, setOffset] = useState(0);
  const scroll = lines.length > height;
  const room = scroll ? Math.max(1, height - 1) : height;
  const maxOffset = scroll ? lines.length - room : 0;
  const top = Math.min(offset, maxOffset);
  useKeys(
    (input, key) => {
      const command = matchCommand(['lesson'], input, key);
      if (maxOffset === 0) return false;
      if (command === 'up' && top > 0) setOffset(top - 1);
      else if (command === 'down' && top < maxOffset) setOffset(top + 1);
      else if (command === 'pageUp' && top > 0) setOffset(Math.max(0, top - room));
      else if (command === 'pageDown' && top < maxOffset) setOffset(Math.min(maxOffset, top + room));
      else return false;
      return true;
    },
    active,
    LAYER.step,
  );
  const visible = lines.slice(top, top + room);
  if (scroll) {
    const more = maxOffset - top;
    const up = theme.ascii ? '^' : '↑';
    const down = theme.ascii ? 'v' : '↓';
    visible.push([{ text: more > 0 ? `${down} ${more} more line${more === 1 ? '' : 's'} · ${up}${down} scroll` : `${up} scroll up for the top`, style: 'muted' }]);
  }
  const text = useMemo(() => paintLines(visible, theme), [visible, theme]);
  return <Canvas lines={text} width={width} />;
}
