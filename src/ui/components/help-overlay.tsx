/**
 * The help overlay: every key of the contexts that apply here, generated from the
 * one keymap (helpSections), in a scrolling viewport. Opened and closed by the root
 * (? and Esc); it scrolls with ↑/↓ while open.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { helpSections, type Context } from '../keymap';
import { asciiCells, asciiKeyLabel } from '../ascii';
import type { Theme } from '../theme';
import { Viewport, useOverlayScroll } from './viewport';

const CONTEXT_TITLES: Record<Context, string> = {
  global: 'Everywhere',
  map: 'Course map',
  lesson: 'Reading a lesson',
  quiz: 'Quiz',
  lab: 'Live lab',
  labStep: "In a lesson's lab",
  confirm: 'Questions',
  question: 'While a question is open',
  typing: 'Typing an answer',
  field: 'Text answer',
  wrongAnswer: 'After a wrong answer',
  multipleChoice: 'Tick every right answer',
  ordering: 'Put in order',
  checklist: 'Review checklist',
  pickNode: 'Pick a node',
  predictRun: 'While the prediction runs',
  eventLog: 'The whole event log',
  stepDone: 'Reading a lesson',
  design: 'Design editor',
  designStep: 'Design editor in a lesson',
  designPanel: 'Check and drill panels',
  designPredict: 'Predicting the drill',
  designDrill: 'Drill results',
  designExplain: "Mentor's questions",
};

/** Plain lines of the help text for these contexts (global last, as the most general). */
export function helpLines(contexts: readonly Context[], ascii = false): { text: string; heading: boolean }[] {
  const ordered = [...new Set([...contexts.filter((c) => c !== 'global'), 'global' as const])];
  const sections = helpSections(ordered)
    .filter((s) => s.items.length > 0)
    .map((s) => (ascii ? { ...s, items: s.items.map((i) => ({ label: asciiKeyLabel(i.label), description: asciiCells(i.description) })) } : s));
  const labelWidth = Math.max(...sections.flatMap((s) => s.items.map((i) => [...i.label].length)), 4) + 3;
  const out: { text: string; heading: boolean }[] = [];
  sections.forEach((section, i) => {
    if (i > 0) out.push({ text: '', heading: false });
    out.push({ text: CONTEXT_TITLES[section.context], heading: true });
    for (const item of section.items) {
      out.push({ text: `  ${item.label}${' '.repeat(labelWidth - [...item.label].length)}${item.description}`, heading: false });
    }
  });
  return out;
}

export interface HelpOverlayProps {
  contexts: readonly Context[];
  width: number;
  height: number;
  theme: Theme;
  active: boolean;
}

export function HelpOverlay({ contexts, width, height, theme, active }: HelpOverlayProps): React.ReactElement {
  const lines = helpLines(contexts, theme.ascii);
  const title = 'Keys';
  // The title takes one row and a blank one.
  const viewHeight = Math.max(1, height - 2);
  const safe = useOverlayScroll(lines.length, viewHeight, active);
  const accent = theme.color ? theme.colors.accent : undefined;
  // Headings are bold; colour would need per-line <Text>, which the viewport avoids.
  const rendered = lines.map((l) => (l.heading && theme.color ? `\u001B[1m${l.text}\u001B[22m` : l.text));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={accent}>
        {title}
      </Text>
      <Text> </Text>
      <Viewport lines={rendered} offset={safe} width={width} height={viewHeight} theme={theme} />
    </Box>
  );
}

/** The footer while help is open. */
export const HELP_FOOTER = [
  { label: 'Esc', description: 'close help' },
  { label: '↑↓', description: 'scroll' },
  { label: 'q', description: 'quit' },
];
