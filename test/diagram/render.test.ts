import { describe, expect, it } from 'vitest';
import { layoutDiagram, overlayRequests, renderDiagram, toPlainText } from '../../src/diagram';
import { distributedAfterKill, topologyOf } from './fixtures';

const layoutAt = (width: number, extra: { dense?: boolean; ascii?: boolean } = {}) => layoutDiagram(topologyOf('distributed'), { width, ...extra });

describe('live state', () => {
  it('shows a killed server as DOWN by glyph, word and dashed border, while the LB still sees it UP', async () => {
    const lines = toPlainText(renderDiagram(layoutAt(120), distributedAfterKill()));
    const text = lines.join('\n');
    expect(text).toContain('✗ DOWN');
    expect(text).toContain('lb-1 sees UP, failing');
    expect(text).toContain('lb-1 sees UP');
    expect(text).toMatch(/┌ web-1[^\n]*╌/); // dashed border: down without colour
    expect(text).toContain('MySQL replica lag 40ms');
    await expect(text + '\n').toMatchFileSnapshot('golden/distributed-live-120.txt');
  });

  it('squeezes the LB view into the state row in dense layouts', async () => {
    const text = toPlainText(renderDiagram(layoutAt(76, { dense: true }), distributedAfterKill())).join('\n');
    expect(text).toContain('✗ DOWN LB: UP');
    await expect(text + '\n').toMatchFileSnapshot('golden/distributed-live-76-dense.txt');
  });

  it('styles states with semantic tokens, never colours', () => {
    const lines = renderDiagram(layoutAt(120), distributedAfterKill());
    const styles = new Set(lines.flatMap((l) => l.map((s) => s.style)));
    for (const s of ['down', 'up', 'primary', 'replica', 'warn']) expect(styles.has(s as never), s).toBe(true);
    for (const s of styles) expect(s).not.toMatch(/#|red|green|blue/);
  });

  it('keeps the same layout while the selection moves (selection is a render option)', () => {
    const layout = layoutAt(120);
    const text = toPlainText(renderDiagram(layout, distributedAfterKill(), { selected: 'web-2' })).join('\n');
    expect(text).toMatch(/╔ ▸web-2/);
    expect(toPlainText(renderDiagram(layout, distributedAfterKill(), { selected: 'lb-1' })).join('\n')).toMatch(/╔ ▸lb-1/);
  });
});

describe('moving requests', () => {
  it('places a request by its progress along the routed edge', () => {
    const layout = layoutAt(120);
    const edge = layout.edges.find((e) => e.from === 'lb-1' && e.to === 'web-2')!;
    const snap = distributedAfterKill();
    const lines = toPlainText(renderDiagram(layout, snap));
    const head = layout.header.length;
    const i = Math.floor(0.9 * (edge.path.length - 1));
    const [x, y] = edge.path[i]!;
    expect(lines[head + y]![x]).toBe('○'); // static request
  });

  it('draws failed requests as ✗ and maps client hops to the users edge', () => {
    const layout = layoutAt(120);
    const snap = distributedAfterKill();
    const lines = toPlainText(renderDiagram(layout, snap));
    const head = layout.header.length;
    const sql = layout.edges.find((e) => e.from === 'web-2' && e.to === 'web-1')!;
    const [sx, sy] = sql.path[Math.max(0, Math.min(sql.path.length - 2, Math.floor(0.5 * (sql.path.length - 1))))]!;
    expect(lines[head + sy]![sx]).toBe('✗');
    const users = layout.edges.find((e) => e.from === 'users' && e.to === 'lb-1')!;
    const [ux, uy] = users.path[Math.floor(0.5 * (users.path.length - 1))]!;
    expect(lines[head + uy]![ux]).toBe('•'); // a request, not a node's UP mark (●)
  });

  it('never overwrites an arrowhead and skips requests being processed at a node', () => {
    const layout = layoutAt(120);
    const snap = { ...distributedAfterKill(), inflight: [{ id: 9, kind: 'dynamic' as const, encrypted: false, from: 'lb-1', to: 'web-1', progress: 1 }] };
    const edge = layout.edges.find((e) => e.from === 'lb-1' && e.to === 'web-1')!;
    const lines = toPlainText(renderDiagram(layout, snap));
    const [ax, ay] = edge.path[edge.path.length - 1]!;
    expect(lines[layout.header.length + ay]![ax]).toBe('▶');
    const before = toPlainText(renderDiagram(layout, { ...snap, inflight: [] })).join('\n');
    const atNode = toPlainText(renderDiagram(layout, { ...snap, inflight: [{ ...snap.inflight[0]!, atNode: true }] })).join('\n');
    expect(atNode).toBe(before);
  });

  it('overlayRequests on drawn lines gives the same picture as rendering with requests', () => {
    const layout = layoutAt(80);
    const snap = distributedAfterKill();
    const plain = renderDiagram(layout, snap, { requests: false });
    expect(toPlainText(overlayRequests(plain, layout, snap))).toEqual(toPlainText(renderDiagram(layout, snap)));
  });

  it('uses ASCII glyphs for requests in ASCII mode', () => {
    const text = toPlainText(renderDiagram(layoutAt(120, { ascii: true }), distributedAfterKill())).join('\n');
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('X DOWN');
  });
  // Per-frame speed is measured by `npm run bench -- frame`, not asserted here.
});
