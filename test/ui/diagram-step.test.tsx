import { afterEach, describe, expect, it } from 'vitest';
import type { Step } from '../../src/course/types';
import { DiagramStep, diagramStepLines } from '../../src/ui/diagram/diagram-step';
import { toPlainText } from '../../src/diagram';
import { KEY, mountStep, type LabHarness } from './lab-harness';

type DiagramStepData = Extract<Step, { kind: 'diagram' }>;
const step = (diagram: DiagramStepData['diagram']): DiagramStepData => ({ kind: 'diagram', diagram, pos: { file: 'x.md', line: 1 } });

let h: LabHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

describe('diagram step', () => {
  it('draws the scenario with its caption, highlight and legend', async () => {
    h = mountStep(DiagramStep, step({ scenario: 'secured-monitored', highlight: ['lb-1'], caption: 'TLS ends at the load balancer.' }), { height: 40 });
    const f = await h.waitFor('TLS ends at the load balancer.');
    expect(f).toMatch(/┏ lb-1/);
    expect(f).toContain('HTTPS (TLS)');
    expect(f).toContain('firewall');
    expect(h.contexts.at(-1)).toEqual(['lesson']);
  });

  it('reveals only the listed nodes', () => {
    const text = toPlainText(diagramStepLines(step({ scenario: 'distributed', show: ['lb-1'] }), 76, false)).join('\n');
    expect(text).toContain('lb-1');
    expect(text).not.toContain('web-1');
  });

  it('warns about unknown node ids and missing scenarios, without crashing', () => {
    expect(toPlainText(diagramStepLines(step({ scenario: 'distributed', highlight: ['web-9'] }), 76, false)).join('\n')).toContain('unknown node id(s) in this diagram block: web-9');
    expect(toPlainText(diagramStepLines(step({ scenario: 'nope' }), 76, false)).join('\n')).toContain("needs the scenario 'nope'");
  });

  it('scrolls with ↑↓ when taller than the screen, and lets keys through at the ends', async () => {
    h = mountStep(DiagramStep, step({ scenario: 'scale-up' }), { width: 60, height: 12 });
    let f = await h.waitFor('more line');
    const firstLine = f.split('\n')[0];
    await h.press(KEY.down);
    f = h.frame();
    expect(f.split('\n')[0]).not.toBe(firstLine);
    await h.press(KEY.up, KEY.up);
    expect(h.frame().split('\n')[0]).toBe(firstLine);
    expect(h.unhandled).toEqual(['']); // the second ↑ at the top goes to the lesson
  });

  it('draws ASCII only in ASCII mode', async () => {
    h = mountStep(DiagramStep, step({ scenario: 'distributed' }), { height: 40, ascii: true });
    const f = await h.waitFor('lb-1');
    expect(f).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
