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
import { quizScore } from '../progress-ops';
import { overallProgress } from '../progress-ops';
import { Frame } from '../components/frame';
import SelectInput from 'ink-select-input';
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
  // A list longer than the room keeps its last row for "↓ more" / the end of the list.
  const room = model.rows.length > listHeight ? Math.max(1, listHeight - 1) : listHeight;
  const top = scrollToShow(cursorRow, offsetRef.current, room, model.rows.length);
  const visibleTop = cursor === 0 ? 0 : top;
  offsetRef.current = visibleTop;

  // Every key of the map is handled here, through the one input owner; ink-select-input
  // only draws the entries (it is never focused, so it never reads stdin itself) and is
  // kept in step with the app's cursor: it is remounted at the cursor whenever it moves.
  useKeys(
    (input, key) => {
      const command = matchCommand(['map'], input, key);
      const page = Math.max(1, listHeight - 2);
      switch (command) {
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
        case 'continue':
          dispatch({ type: 'continue' });
          return true;
        case 'review':
          dispatch({ type: 'startReview' });
          return true;
        // Moved here from the list's own key handling: the one input owner hands two
        // quick presses ("jj") over one by one, the list alone would see "jj" and move not at all.
        case 'up':
          dispatch({ type: 'mapMove', delta: -1 });
          return true;
        case 'down':
          dispatch({ type: 'mapMove', delta: 1 });
          return true;
        case 'select':
          dispatch({ type: 'mapSelect' });
          return true;
        default:
          // A digit opens that entry of the list, as the list itself did.
          if (/^[1-9]$/.test(input) && Number(input) <= model.entries.length) {
            dispatch({ type: 'mapMove', delta: Number(input) - 1 - cursor });
            dispatch({ type: 'mapSelect' });
            return true;
          }
          return false;
      }
    },
    active,
    LAYER.screen,
  );

  // The list scrolls by sliding its column up inside a clipped box; the last row
  // says "more" when the list goes on below.
  const more = visibleTop + room < model.rows.length;
  const items = listItems(model.rows);
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
      <Box flexDirection="column" height={room} overflow="hidden">
        <Box flexDirection="column" marginTop={-visibleTop} flexShrink={0}>
          <MapRowsContext.Provider value={{ width: layout.bodyWidth, theme }}>
            <SelectInput
              key={cursor}
              items={items}
              initialIndex={cursor}
              isFocused={false}
              indicatorComponent={NoIndicator}
              itemComponent={MapItemView as never}
            />
          </MapRowsContext.Provider>
        </Box>
      </Box>
      {more ? <Text color={theme.color ? theme.colors.muted : undefined} dimColor={!theme.color}>{`  ${theme.ascii ? 'v' : '↓'} more`}</Text> : null}
    </Frame>
  );
}

/** One entry of the list, with the rows drawn above it (a gap, its chapter's title). */
interface MapItem {
  entry: number;
  above: MapRow[];
  row: MapRow;
}

/** The map's rows as select-list items: each entry carries the headings above it. */
function listItems(rows: readonly MapRow[]): { key: string; label: string; value: MapItem }[] {
  const items: { key: string; label: string; value: MapItem }[] = [];
  let above: MapRow[] = [];
  for (const row of rows) {
    if (row.kind !== 'entry') {
      above.push(row);
      continue;
    }
    items.push({ key: String(row.entry), label: String(row.entry), value: { entry: row.entry, above, row } });
    above = [];
  }
  return items;
}

const MapRowsContext = React.createContext<{ width: number; theme: Theme } | null>(null);

/** The list draws its own pointer inside the row (in the indent), so its indicator is empty. */
function NoIndicator(): React.ReactElement {
  return <></>;
}

function MapItemView({ value, isSelected }: { value: MapItem; isSelected?: boolean }): React.ReactElement {
  const ctx = React.useContext(MapRowsContext)!;
  return (
    <Box flexDirection="column">
      {value.above.map((row, i) => (
        <MapLine key={i} row={row} selected={false} width={ctx.width} theme={ctx.theme} />
      ))}
      <MapLine row={value.row} selected={isSelected === true} width={ctx.width} theme={ctx.theme} />
    </Box>
  );
}

/** Notices as lines of at most `width` cells, each starting with a bullet, `max` lines at most. */
export function wrapNotices(notices: readonly string[], theme: Theme, width: number, max: number): string[] {
  const lines = notices.flatMap((n) =>
    wrapAnsi(n, Math.max(1, width - 2), { trim: false }).map((l, i) => `${i === 0 ? theme.glyphs.bullet : ' '} ${l}`),
  );
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), truncate(lines[max - 1]!, width - 3, '') + (theme.ascii ? '...' : '…')];
}

function MapLine({ row, selected, width, theme }: { row: MapRow; selected: boolean; width: number; theme: Theme }): React.ReactElement {
  const g = theme.glyphs;
  const accent = theme.color ? theme.colors.accent : undefined;
  const muted = theme.color ? theme.colors.muted : undefined;
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
