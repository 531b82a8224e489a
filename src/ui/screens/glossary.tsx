/**
 * The glossary overlay: every term of the course's lessons/glossary.yaml with its
 * definition and the lesson that teaches it, in a scrolling viewport. Opened and
 * closed by the root (w, Esc) over any screen; it scrolls with ↑/↓ and PgUp/PgDn.
 * Pure helpers (`glossaryLines`) are tested without rendering.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { loadGlossary, type GlossaryTerm } from '../../course/course-data';
import type { Course } from '../../course/types';
import type { Layout } from '../layout';
import type { Theme } from '../theme';
import { Viewport, useOverlayScroll } from '../components/viewport';
import { truncate, wrapText } from '../text';

/** The glossary's lines at `width`: a term, then its definition wrapped and indented, then where it is taught. */
export function glossaryLines(terms: readonly GlossaryTerm[], lessonTitle: (id: string) => string | undefined, width: number): { text: string; term: boolean }[] {
  const out: { text: string; term: boolean }[] = [];
  const sorted = [...terms].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  sorted.forEach((t, i) => {
    if (i > 0) out.push({ text: '', term: false });
    const also = t.also?.filter((a) => !/^\d+$/.test(a));
    out.push({ text: also && also.length > 0 ? `${t.term} (${also.join(', ')})` : t.term, term: true });
    for (const line of wrapText(t.definition, Math.max(10, width), '  ')) out.push({ text: line, term: false });
    const title = lessonTitle(t.lesson);
    if (title) for (const line of wrapText(`taught in: ${title}`, Math.max(10, width), '  ')) out.push({ text: line, term: false });
  });
  return out;
}

export interface GlossaryScreenProps {
  course: Course;
  layout: Layout;
  theme: Theme;
  active: boolean;
}

export function GlossaryScreen({ course, layout, theme, active }: GlossaryScreenProps): React.ReactElement {
  const read = useMemo(() => loadGlossary(course.root), [course.root]);
  const width = layout.bodyWidth;
  const lines = useMemo(() => {
    const titles = new Map(course.chapters.flatMap((c) => c.lessons.map((l) => [l.id, l.title] as const)));
    if (!read.value) return [{ text: read.problems[0]?.message ?? 'This course has no glossary.', term: false }];
    return glossaryLines(read.value.terms, (id) => titles.get(id), width);
  }, [read, course, width]);
  // Title + blank line above, footer below.
  const viewHeight = Math.max(1, layout.frameHeight - 3);
  const safe = useOverlayScroll(lines.length, viewHeight, active);
  const accent = theme.color ? theme.colors.accent : undefined;
  const rendered = lines.map((l) => (l.term && theme.color ? `\u001B[1m${l.text}\u001B[22m` : l.text));
  const count = read.value?.terms.length ?? 0;
  return (
    <Box flexDirection="column" paddingX={layout.paddingX} width={layout.width} height={layout.frameHeight}>
      <Text bold color={accent} wrap="truncate">
        {truncate(`Glossary · ${count} terms`, width)}
      </Text>
      <Text> </Text>
      <Viewport lines={rendered} offset={safe} width={width} height={viewHeight} theme={theme} />
      <Text dimColor wrap="truncate">
        {truncate('Esc/w close · ↑↓ PgUp/PgDn scroll · q quit', width)}
      </Text>
    </Box>
  );
}
