/**
 * The editor's build view as styled lines (pure): the diagram of the design so far
 * on top, scrolled so the selected machine is in view, and below it the machine
 * tabs, the selected machine's settings with the cursor, and one line of hint or
 * note. Everything fits `width` × `height`.
 */
import { layoutDiagram, renderDiagram, type StyledLine } from '../../diagram';
import { buildTopology } from '../../sim/topology';
import type { Scenario, Topology } from '../../sim/types';
import { DNS_ID, machineIds, type EditorState } from '../../design/editor/model';
import { fieldsOf, machineSummary, type Field } from '../../design/editor/fields';
import { fitLine } from '../text';
import { scrollToShow } from '../layout';

const topologies = new WeakMap<Scenario, Topology>();

/** The design's topology, once per design object (designs are immutable between edits). */
export function designTopology(d: Scenario): Topology {
  let t = topologies.get(d);
  if (!t) {
    t = buildTopology(d);
    t = { ...t, nodes: t.nodes.map((n) => (n.kind === 'load_balancer' && !n.algorithm ? { ...n, algorithm: (d.nodes.find((x) => x.id === n.id) as { algorithm?: never })?.algorithm ?? 'roundrobin' } : n)) };
    topologies.set(d, t);
  }
  return t;
}

/** Rows the settings panel takes at this height (machine tabs + fields + hint). */
export function panelHeight(height: number): number {
  return Math.max(5, Math.min(10, Math.floor(height / 2)));
}

export interface BuildView {
  lines: StyledLine[];
  /** The fields of the selected machine (the cursor indexes these). */
  fields: Field[];
}

/** The machine tabs on one line, scrolled so the selected one shows. */
function tabsLine(d: Scenario, selected: string, width: number, ascii: boolean): StyledLine {
  const ids = machineIds(d);
  const items = ids.map((id) => ({ id, text: id === DNS_ID ? ' DNS ' : ` ${id} ` }));
  const sel = Math.max(0, ids.indexOf(selected));
  let start = 0;
  const widthFrom = (s: number, e: number) => items.slice(s, e + 1).reduce((a, i) => a + i.text.length + 1, 0);
  while (start < sel && widthFrom(start, sel) + 6 > width) start++;
  const line: StyledLine = [{ text: start > 0 ? (ascii ? '<' : '‹') : ' ', style: 'muted' }];
  for (const [i, it] of items.entries()) {
    if (i < start) continue;
    line.push({ text: it.text, style: i === sel ? 'selected' : 'text' }, { text: ' ', style: 'text' });
  }
  return fitLine(line, width);
}

const diagrams = new WeakMap<Scenario, Map<string, StyledLine[]>>();

/**
 * The diagram's `room` lines, scrolled to the selected machine. Kept per design and
 * selection, so moving over settings (most keys) does not lay the diagram out again.
 */
function diagramPart(d: Scenario, selectedId: string, width: number, room: number, ascii: boolean): StyledLine[] {
  const key = `${selectedId}|${width}|${room}|${ascii}`;
  let byKey = diagrams.get(d);
  const hit = byKey?.get(key);
  if (hit) return hit;
  const selected = selectedId === DNS_ID ? 'dns' : selectedId;
  const layout = layoutDiagram(designTopology(d), { width, ascii, live: false, dense: true, selected });
  const drawn = renderDiagram(layout).map((l) => fitLine(l, width));
  const box = layout.boxes.find((b) => b.id === selected);
  let top = 0;
  if (drawn.length > room && box) top = Math.min(scrollToShow(box.y + box.h - 1, 0, room, drawn.length), box.y);
  const shown = drawn.slice(top, top + room);
  if (d.nodes.length === 0) shown.push([{ text: 'No machine yet: press a to add a server.', style: 'muted' }]);
  while (shown.length < room) shown.push([]);
  if (drawn.length > room) {
    const more = drawn.length - room;
    shown[shown.length - 1] = fitLine([{ text: `${ascii ? '...' : '…'} ${more} more line${more === 1 ? '' : 's'} of diagram: Tab shows each machine`, style: 'muted' }], width);
  }
  const out = shown.slice(0, room);
  if (!byKey) diagrams.set(d, (byKey = new Map()));
  byKey.set(key, out);
  return out;
}

/** The whole build view. `cursor` is the field under the cursor. */
export function buildView(state: EditorState, cursor: number, width: number, height: number, ascii: boolean): BuildView {
  const d = state.design;
  const fields = fieldsOf(d, state.selected);
  const panel = panelHeight(height);
  const diagramRoom = Math.max(0, height - panel - 1);
  const lines: StyledLine[] = [];

  if (diagramRoom > 0) lines.push(...diagramPart(d, state.selected, width, diagramRoom, ascii));
  // The separator carries the keys that build (the footer has room for the rest).
  const rule = ascii ? '-' : '─';
  const dot = ascii ? '|' : '·';
  const long = ` a server ${dot} b load balancer ${dot} x remove ${dot} + rule ${dot} u undo ${dot} e mentor `;
  const short = ` a server ${dot} b LB ${dot} x remove ${dot} + rule ${dot} u undo `;
  const keys = long.length + 4 <= width ? long : short;
  const sep = keys.length + 4 <= width ? `${rule.repeat(2)}${keys}${rule.repeat(width - keys.length - 2)}` : rule.repeat(width);
  lines.push(fitLine([{ text: sep, style: 'muted' }], width));

  // Panel: tabs, fields, hint.
  lines.push(tabsLine(d, state.selected, width, ascii));
  const rows = Math.max(1, panel - 2);
  const c = Math.min(cursor, Math.max(0, fields.length - 1));
  const offset = scrollToShow(c, Math.max(0, c - rows + 1), rows, fields.length);
  const labelW = Math.min(26, Math.max(12, ...fields.map((f) => f.label.length)) + 1);
  const pointer = ascii ? '>' : '›';
  if (fields.length === 0) lines.push([{ text: `  ${machineSummary(d, state.selected)}`, style: 'muted' }]);
  for (let i = offset; i < Math.min(fields.length, offset + rows); i++) {
    const f = fields[i]!;
    const on = i === c;
    const arrows = on && (f.next || f.prev) ? (ascii ? ' <>' : ' ‹›') : '';
    lines.push(
      fitLine(
        [
          { text: on ? `${pointer} ` : '  ', style: on ? 'selected' : 'text' },
          { text: f.label.padEnd(labelW), style: on ? 'title' : 'text' },
          { text: f.value, style: on ? 'selected' : valueStyle(f.value) },
          { text: arrows, style: 'muted' },
        ],
        width,
      ),
    );
  }
  while (lines.length < height - 1) lines.push([]);
  const hint = state.note ?? fields[c]?.hint ?? '';
  const more = fields.length > rows ? ` (${c + 1}/${fields.length})` : '';
  lines.push(fitLine([{ text: hint + more, style: state.note ? 'title' : 'muted' }], width));
  return { lines: lines.slice(0, height), fields };
}

function valueStyle(v: string): 'up' | 'muted' | 'text' {
  if (v === '[x]' || v === 'on' || v.startsWith('on,')) return 'up';
  if (v === '[ ]' || v === 'off' || v === 'none') return 'muted';
  return 'text';
}
