/** Topology (+ live state) → lines of styled text. Pure: no React, no Ink. */
export { layoutDiagram, edgeStyle } from './layout';
export { renderDiagram, overlayRequests, toPlainText, legendLine, lbViewWord, type RenderOptions } from './render';
export type * from './types';
export { describeDiagram, edgeWords, type DescribeOptions } from './describe';
