/**
 * The diagram's data model: a pure description of where boxes and edges sit on a
 * character grid, and of the styled lines drawn from it (the app's one styled-line
 * model, src/text/styled-line.ts). No colours here: every piece of text carries a
 * semantic style token that the UI maps to its theme (and the plain renderer
 * ignores), so NO_COLOR and monochrome projectors lose nothing — every state is
 * also shown by a glyph and a word.
 */
import type { EdgeKind, TopologyNode } from '../sim/types';

// The styled-line model is shared with every screen that paints lines (the quiz
// and review screens too), so it lives on the floor (src/text/styled-line.ts);
// the diagram's importers keep reaching it here.
import type { DiagramStyle, StyledLine } from '../text/styled-line';
export type { DiagramStyle, LineStyle, Segment, StyledLine } from '../text/styled-line';

/** Options of {@link layoutDiagram}. */
export interface DiagramOptions {
  /** Columns available. ≥ 100 allows the wide layout; the compact one is tried next; stacked below. */
  width: number;
  /** Use ASCII instead of box-drawing characters. Default false. */
  ascii?: boolean;
  /** Node ids drawn emphasised (heavy border); the others are muted. */
  highlight?: string[];
  /** If given, only these node ids are drawn (users and DNS always are). */
  show?: string[];
  /** The node with the selection (double border and a pointer). */
  selected?: string;
  /** Node names in their own bold upper-case row (projectors). Default false. */
  labelsLarge?: boolean;
  /**
   * Reserve rows for live state (state, how the load balancer sees the node,
   * utilisation). Default true; a static lesson diagram passes false.
   */
  live?: boolean;
  /** Drop optional rows to save height (80×24 labs). Default false. */
  dense?: boolean;
  /** Force a layout mode instead of choosing by width. */
  mode?: LayoutMode;
}

export type LayoutMode = 'wide' | 'compact' | 'stacked';

/** What a row inside a box shows; dynamic kinds are filled per frame from a snapshot. */
export type BoxRowKind = 'text' | 'state' | 'lbview' | 'db' | 'algorithm' | 'busy' | 'label';

export interface BoxRow {
  kind: BoxRowKind;
  /** Static text (for `text`, `label`) or the fallback text of a dynamic row. */
  text: string;
  style: DiagramStyle;
}

/** A machine (or the users / DNS) drawn as a box. */
export interface BoxLayout {
  id: string;
  node: TopologyNode;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  rows: BoxRow[];
  /** Text drawn in the bottom border (firewall, agent badges). */
  badges: string;
  /** Side that traffic enters by (where the firewall wall is drawn). */
  entry: 'left' | 'top';
}

/** An edge routed on the grid: `path` runs from the source's port to the arrowhead. */
export interface EdgeLayout {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Cells [x, y] in travel order; the last is the arrowhead. Empty when not drawable. */
  path: Array<[number, number]>;
}

export interface DiagramLayout {
  mode: LayoutMode;
  ascii: boolean;
  width: number;
  height: number;
  boxes: BoxLayout[];
  edges: EdgeLayout[];
  /** Lines drawn above the grid (e.g. the DNS record in compact layouts). */
  header: StyledLine[];
  /** Static background: edges and their labels, one string of chars and styles per row. */
  base: { chars: string[][]; styles: DiagramStyle[][] };
  /** Options the layout was made with. */
  options: Required<Pick<DiagramOptions, 'width' | 'ascii' | 'live' | 'dense' | 'labelsLarge'>> & Pick<DiagramOptions, 'highlight' | 'show' | 'selected'>;
  /** Ids of the load balancers (for "how each LB sees it"). */
  loadBalancers: string[];
  /** Node ids in drawing order (tier, then position): the Tab order for selection. */
  order: string[];
  /** Edges of the topology that could not be drawn (kept honest in tests). */
  skipped: string[];
}
