/**
 * The course map: chapters in order with their lessons (✓ done, ▶ where the learner
 * stopped), each chapter's quiz score once questions were answered, overall
 * progress in the header, and "Continue: <lesson> (step k)" at the top for a
 * returning learner. Scrolls to keep the selected entry visible.
 */
import type { ScreenProps } from './screen-props';
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import { scrollToShow } from '../layout';
import type { Theme } from '../theme';
import { matchCommand } from '../keymap';
import { LAYER, useKeys } from '../input';
import { buildMap, rowOfEntry, type MapRow } from '../map-model';
import type { ChapterScore } from '../progress-ops';
import { overallProgress } from '../progress-ops';
import { Frame } from '../components/frame';
import { ellipsisFor, spread, truncate, wrapAnsi } from '../text';

export interface CourseMapProps extends ScreenProps {
  cursor: number;
  notices: string[];
  /** Header title: the course's name. */
  courseTitle?: string;
}

export const COURSE_TITLE = 'Web infrastructure design';

/** A middle dot between items, or a dash in ASCII mode. */
const sep = (theme: Theme): string => (theme.ascii ? ' - ' : ' · ');

export function CourseMap({ course, progress, cursor, notices, layout, theme, help, active, dispatch, courseTitle = COURSE_TITLE }: CourseMapProps): React.ReactElement {
  const model = buildMap(course, progress);
  const overall = overallProgress(course, progress);
  // The first visible row. A ref, not state: it follows the cursor during render and
  // never needs a render of its own.
  const offsetRef = useRef(0);

  // Notices wrap (they can name a file the learner needs to find), up to a third of the body.
  const noticeLines = wrapNotices(notices, theme, layout.bodyWidth, Math.max(2, Math.floor(layout.bodyHeight / 3)));
  const listHeight = Math.max(1, layout.bodyHeight - (noticeLines.length > 0 ? noticeLines.length + 1 : 0));
  const cursorRow = rowOfEntry(model, cursor);
  // Keep the chapter heading above the first lesson in view when scrolling to the top.
  const top = scrollToShow(cursorRow, offsetRef.current, listHeight, model.rows.length);
  const visibleTop = cursor === 0 ? 0 : top;
  offsetRef.current = visibleTop;

  useKeys(
    (input, key) => {
      const command = matchCommand(['map'], input, key);
      const page = Math.max(1, listHeight - 2);
      switch (command) {
        case 'up':
          dispatch({ type: 'mapMove', delta: -1 });
          return true;
        case 'down':
          dispatch({ type: 'mapMove', delta: 1 });
          return true;
        case 'pageUp':
          dispatch({ type: 'mapMove', delta: -page });
          return true;
        case 'pageDown':
          dispatch({ type: 'mapMove', delta: page });
          return true;
        case 'home':
          dispatch({ type: 'mapHome' });
          return true;
        case 'end':
          dispatch({ type: 'mapEnd' });
          return true;
        case 'select':
          dispatch({ type: 'mapSelect' });
          return true;
        case 'continue':
          dispatch({ type: 'continue' });
          return true;
        case 'review':
          dispatch({ type: 'startReview' });
          return true;
        default:
          return false;
      }
    },
    active,
    LAYER.screen,
  );

  const rows = model.rows.slice(visibleTop, visibleTop + listHeight);
  const more = visibleTop + listHeight < model.rows.length;
  const warn = theme.color ? theme.colors.warn : undefined;
  const status = `${overall.done}/${overall.total} lessons done`;
  const extra = model.entries.some((e) => e.kind === 'review') ? [{ label: 'r', description: 'review missed' }] : [];
  return (
    <Frame
      layout={layout}
      theme={theme}
      title={`webinfra-learn${sep(theme)}${courseTitle}`}
      status={status}
      progress={overall.total ? overall.done / overall.total : 0}
      contexts={['map']}
      extraFooter={extra}
      help={help}
    >
      {noticeLines.length > 0 ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text color={warn}>{noticeLines.join('\n')}</Text>
        </Box>
      ) : null}
      <Box flexDirection="column" height={listHeight}>
        {rows.map((row, i) => (
          <MapLine
            key={visibleTop + i}
            row={row}
            selected={row.kind === 'entry' && row.entry === cursor}
            width={layout.bodyWidth}
            theme={theme}
            last={more && i === rows.length - 1}
          />
        ))}
      </Box>
    </Frame>
  );
}

/**
 * A chapter's quiz score: questions answered out of all of them (a skipped one is
 * not answered), then how many were right on the first try.
 */
export function quizScore(score: ChapterScore): string {
  return `quiz ${score.answered}/${score.total} answered, ${score.correct} right`;
}

/** Notices as lines of at most `width` cells, each starting with a bullet, `max` lines at most. */
export function wrapNotices(notices: readonly string[], theme: Theme, width: number, max: number): string[] {
  const lines = notices.flatMap((n) =>
    wrapAnsi(n, width - 2, { trim: false }).map((l, i) => `${i === 0 ? theme.glyphs.bullet : ' '} ${l}`),
  );
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), truncate(lines[max - 1]!, width - 3, '') + (theme.ascii ? '...' : '…')];
}

function MapLine({ row, selected, width, theme, last }: { row: MapRow; selected: boolean; width: number; theme: Theme; last: boolean }): React.ReactElement {
  const g = theme.glyphs;
  const accent = theme.color ? theme.colors.accent : undefined;
  const muted = theme.color ? theme.colors.muted : undefined;
  if (last) {
    // The bottom row hints that the list goes on rather than cutting a line in half.
    return <Text color={muted} dimColor={!theme.color}>{`  ${theme.ascii ? 'v' : '↓'} more`}</Text>;
  }
  if (row.kind === 'gap') return <Text> </Text>;
  if (row.kind === 'chapter') {
    const right = [`${row.done}/${row.total} done`, row.score ? quizScore(row.score) : ''].filter(Boolean).join(sep(theme));
    const line = spread(`${row.index + 1}  ${row.title}`, right, width, ellipsisFor(theme));
    const split = line.length - right.length;
    return (
      <Text wrap="truncate">
        <Text bold>{line.slice(0, split)}</Text>
        <Text color={muted}>{line.slice(split)}</Text>
      </Text>
    );
  }
  // Entries sit under their chapter's title; the pointer goes in the indent.
  const pointer = selected ? ` ${g.pointer} ` : '   ';
  const item = row.item;
  let text: string;
  let right = '';
  if (item.kind === 'continue') text = `${g.current} Continue: ${item.title} (step ${item.target.step + 1})`;
  else if (item.kind === 'review') text = `${theme.ascii ? '*' : '↺'} Review what I missed (${item.count} question${item.count === 1 ? '' : 's'})`;
  else {
    const mark = item.done ? g.done : item.current ? g.current : g.todo;
    text = `${mark} ${item.title}`;
    right = item.minutes ? `${item.minutes} min` : '';
  }
  const line = spread(pointer + text, right, width, ellipsisFor(theme));
  const markColor = item.kind === 'lesson' && item.done && theme.color ? theme.colors.ok : undefined;
  if (selected) {
    return (
      <Text bold color={accent} wrap="truncate">
        {line}
      </Text>
    );
  }
  if (markColor && item.kind === 'lesson') {
    // Colour only the ✓, so "done" reads by glyph and colour both.
    const idx = line.indexOf(g.done);
    return (
      <Text wrap="truncate">
        {line.slice(0, idx)}
        <Text color={markColor}>{g.done}</Text>
        {line.slice(idx + g.done.length)}
      </Text>
    );
  }
  return <Text wrap="truncate">{line}</Text>;
}
