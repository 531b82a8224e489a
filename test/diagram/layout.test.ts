import { describe, expect, it } from 'vitest';
import { layoutDiagram, renderDiagram, toPlainText, legendLine } from '../../src/diagram';
import type { Topology } from '../../src/sim/types';
import { MAIN_SCENARIOS, topologyOf } from './fixtures';

const WIDTHS = [60, 80, 120] as const;

function draw(id: string, width: number, ascii = false): string[] {
  const layout = layoutDiagram(topologyOf(id), { width, ascii, live: false });
  return toPlainText(renderDiagram(layout));
}

describe('golden drawings of the main scenarios', () => {
  for (const id of MAIN_SCENARIOS) {
    for (const width of WIDTHS) {
      it(`${id} at ${width} columns`, async () => {
        await expect(draw(id, width).join('\n') + '\n').toMatchFileSnapshot(`golden/${id}-${width}.txt`);
      });
    }
    it(`${id} at 80 columns in ASCII`, async () => {
      await expect(draw(id, 80, true).join('\n') + '\n').toMatchFileSnapshot(`golden/${id}-80-ascii.txt`);
    });
  }
});

describe('layout', () => {
  it('never draws wider than it was given, from 60 to 160 columns', () => {
    for (const id of MAIN_SCENARIOS) {
      for (let width = 60; width <= 160; width += 4) {
        for (const live of [true, false]) {
          const layout = layoutDiagram(topologyOf(id), { width, live });
          expect(layout.width, `${id} at ${width}`).toBeLessThanOrEqual(width);
          for (const line of toPlainText(renderDiagram(layout))) expect(line.length, `${id} at ${width}: ${line}`).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('chooses wide from 100 columns, compact at 80, stacked when compact does not fit', () => {
    expect(layoutDiagram(topologyOf('scale-up'), { width: 120 }).mode).toBe('wide');
    expect(layoutDiagram(topologyOf('scale-up'), { width: 80 }).mode).toBe('compact');
    expect(layoutDiagram(topologyOf('scale-up'), { width: 60 }).mode).toBe('stacked');
    expect(layoutDiagram(topologyOf('distributed'), { width: 99 }).mode).toBe('compact');
  });

  it('draws every machine with its components, and routes every network edge', () => {
    for (const id of MAIN_SCENARIOS) {
      for (const width of WIDTHS) {
        const t = topologyOf(id);
        const layout = layoutDiagram(t, { width, live: false });
        const text = toPlainText(renderDiagram(layout)).join('\n');
        for (const n of t.nodes.filter((n) => n.kind === 'server' || n.kind === 'load_balancer')) expect(text).toContain(n.label);
        expect(layout.skipped).toEqual([]);
        const drawnEdges = t.edges.filter((e) => e.kind !== 'metrics' && !(e.kind === 'dns' && layout.mode !== 'wide'));
        for (const e of drawnEdges) {
          const routed = layout.edges.find((r) => r.from === e.from && r.to === e.to);
          expect(routed?.path.length, `${id}@${width} ${e.from}>${e.to}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('shows the DNS record and the entry address, and task 1 servers hold all four components', () => {
    const text = draw('distributed', 120).join('\n');
    expect(text).toContain('www.foobar.com');
    expect(text).toContain('A  8.8.8.8');
    expect(text).toContain('lb-1 8.8.8.8');
    for (const c of ['Nginx', 'App server', 'Code base', 'MySQL primary', 'MySQL replica']) expect(text).toContain(c);
  });

  it('splits the tiers in task 3: a web box holds Nginx and no database', () => {
    const layout = layoutDiagram(topologyOf('scale-up'), { width: 120, live: false });
    const web = layout.boxes.find((b) => b.id === 'web-1')!;
    expect(web.rows.map((r) => r.text)).toContain('Nginx');
    expect(web.rows.some((r) => r.kind === 'db')).toBe(false);
    const order = layout.order;
    expect(order.indexOf('lb-1')).toBeLessThan(order.indexOf('web-1'));
    expect(order.indexOf('web-1')).toBeLessThan(order.indexOf('app-1'));
    expect(order.indexOf('app-1')).toBeLessThan(order.indexOf('db-1'));
  });

  it('marks firewalls with a wall glyph and a word, TLS termination in words', () => {
    const text = draw('secured-monitored', 120).join('\n');
    expect(text).toContain('▒');
    expect(text).toContain('firewall');
    expect(text).toContain('TLS ends here');
    expect(text).toContain('HTTPS');
    const ascii = draw('secured-monitored', 120, true).join('\n');
    expect(ascii).toMatch(/^[\x20-\x7e\n]*$/);
    expect(ascii).toContain('#');
  });

  it('shows only the listed nodes and highlights the chosen ones', () => {
    const t = topologyOf('distributed');
    const only = layoutDiagram(t, { width: 100, show: ['web-1'], live: false });
    expect(only.boxes.map((b) => b.id).sort()).toEqual(['dns', 'users', 'web-1']);
    const hl = layoutDiagram(t, { width: 120, highlight: ['lb-1'], live: false });
    const text = toPlainText(renderDiagram(hl)).join('\n');
    expect(text).toMatch(/┏ lb-1/);
    expect(text).toMatch(/┌ web-1/);
  });

  it('is memoised per topology and options', () => {
    const t = topologyOf('distributed');
    expect(layoutDiagram(t, { width: 80 })).toBe(layoutDiagram(t, { width: 80 }));
    expect(layoutDiagram(t, { width: 80 })).not.toBe(layoutDiagram(t, { width: 81 }));
  });

  it('adds users edges when a topology has none, and says nothing it cannot draw', () => {
    const t: Topology = {
      records: [],
      nodes: [{ id: 'solo', kind: 'server', label: 'solo', roles: ['web'], components: ['Nginx'], tier: 3, firewall: false, agent: false }],
      edges: [],
    };
    const layout = layoutDiagram(t, { width: 80, live: false });
    expect(layout.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['users>solo']);
    expect(layout.header).toEqual([]);
  });

  it('has a legend naming what the glyphs mean', () => {
    const layout = layoutDiagram(topologyOf('secured-monitored'), { width: 120 });
    const legend = legendLine(layout, { live: true }).map((s) => s.text).join('');
    expect(legend).toContain('HTTPS (TLS)');
    expect(legend).toContain('plain HTTP');
    expect(legend).toContain('firewall');
    expect(legend).toContain('down');
  });
});
