import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Step } from '../../src/course/types';
import type { PickNodeQuestion, PredictQuestion } from '../../src/quiz/types';
import type { Scenario } from '../../src/sim/types';
import { layoutDiagram } from '../../src/diagram';
import { footerItems } from '../../src/ui/keymap';
import { PickNodeQuiz } from '../../src/ui/lab/pick-node-quiz';
import { PICK_START, pickReducer } from '../../src/quiz/kinds/pick-node-state';
import { scenarioById } from '../../src/ui/lab/scenario-cache';
import { scenarioTopology } from '../../src/ui/lab/scenario-topology';
import type { Report } from '../../src/sim/types';
import { PredictQuiz, outcomeLine } from '../../src/ui/lab/predict-quiz';
import { PREDICT_START, predictReducer } from '../../src/quiz/kinds/predict-state';
import { KEY, mountStep, type LabHarness } from './lab-harness';

type QuizStepData = Extract<Step, { kind: 'quiz' }>;
const quiz = (question: PickNodeQuestion | PredictQuestion): QuizStepData => ({ kind: 'quiz', question, pos: { file: 'x.md', line: 1 } });

const spof: PickNodeQuestion = {
  id: 'q-spof',
  kind: 'pick-node',
  scenario: 'distributed',
  prompt: 'Pick the single point of failure for all traffic.',
  answer: ['lb-1'],
  feedback: { 'web-1': 'web-2 still serves if web-1 dies: lb-1 routes around it.' },
  explain: 'Every request passes through lb-1, and there is only one.',
};

const predict: PredictQuestion = {
  id: 'q-predict',
  kind: 'predict',
  scenario: 'distributed',
  prompt: 'web-2 crashes at 2 s. What happens to requests?',
  at: ['2:kill:web-2'],
  run_s: 12,
  choices: [
    { text: 'Nothing fails: there are two servers', feedback: 'lb-1 keeps sending web-2 its share until its checks fail.' },
    { text: 'Some requests fail until lb-1 marks web-2 DOWN', correct: true },
  ],
  explain: 'The load balancer learns of the crash from its health checks, 4–6 s later.',
};

let h: LabHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

describe('pick-node quiz', () => {
  it('at 76×19 cuts nothing once answered: feedback at the bottom, ↑↓ scroll back to the diagram', async () => {
    const wordy: PickNodeQuestion = { ...spof, scenario: 'scale-up', answer: ['lb-1'], prompt: 'Which machine, if it failed alone, would take the whole site down with it? Think about what the DNS record points to.', explain: `${spof.explain} The DNS record names one address; whoever holds it carries every request, so a second machine only helps if it can take that address over when the first one dies.` };
    h = mountStep(PickNodeQuiz, quiz(wordy), { width: 76, height: 19 });
    await h.waitFor('PICK A NODE');
    await h.press(KEY.tab, KEY.enter);
    let f = h.frame();
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(f).not.toContain('diagram cut');
    expect(f).toContain('Why: Every request passes through lb-1, and there is only one.');
    expect(f).toMatch(/↑↓ scroll · \d+ lines? above/);
    // It scrolls, so the footer offers ↑↓ (the lesson's keys), with r first (reported in an effect after the frame).
    await vi.waitFor(() => expect(h!.contexts.at(-1)).toEqual(['lesson']));
    expect(f).not.toContain('PICK A NODE');
    for (let i = 0; i < 30; i++) await h.press(KEY.up);
    f = h.frame();
    expect(f).toContain('PICK A NODE');
    expect(f).toMatch(/↑↓ scroll · 0 lines above, \d+ below/);
  });

  it('starts with nothing selected, so the first machine drawn (here the answer) is not handed over', async () => {
    h = mountStep(PickNodeQuiz, quiz(spof));
    let f = await h.waitFor('PICK A NODE');
    expect(f).toContain('now: nothing — Tab or ↑↓ to move');
    expect(f).not.toContain('now: lb-1');
    expect(f).not.toContain('▸');
    // Enter with nothing selected answers nothing: it says how to select.
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('Nothing selected yet: Tab or ↑↓ to move to a machine, then Enter');
    expect(h.answers).toEqual([]);
    expect(h.unhandled).toEqual([]);
    expect(f).not.toMatch(/✓|✗/);
  });

  it('moves a selection over the machines in diagram order: Tab/↓ from nothing to the first, Shift+Tab/↑ to the last', async () => {
    const order = layoutDiagram(scenarioTopology((scenarioById('distributed') as { scenario: Scenario }).scenario), { width: 200, live: false }).order;
    expect(order.length).toBeGreaterThan(2);
    h = mountStep(PickNodeQuiz, quiz(spof));
    await h.waitFor('PICK A NODE');
    await h.press(KEY.tab);
    let f = h.frame();
    expect(f).toContain(`(now: ${order[0]})`);
    expect(f).toMatch(new RegExp(`▸${order[0]}`));
    await h.press(KEY.down);
    expect(h.frame()).toContain(`(now: ${order[1]})`);
    await h.press(KEY.up, KEY.up);
    expect(h.frame()).toContain(`(now: ${order.at(-1)})`); // wraps
    h.unmount();
    for (const back of [KEY.shiftTab, KEY.up]) {
      h = mountStep(PickNodeQuiz, quiz(spof));
      await h.waitFor('PICK A NODE');
      await h.press(back);
      f = h.frame();
      expect(f).toContain(`(now: ${order.at(-1)})`);
      h.unmount();
    }
    h = undefined;
  });

  it('reports contexts for its state: no Enter-next before an answer, r first after a wrong one', async () => {
    h = mountStep(PickNodeQuiz, quiz(spof), { height: 30 });
    await h.waitFor('PICK A NODE');
    expect(h.contexts.at(-1)).toEqual(['pickNode', 'question']);
    const open = footerItems(h.contexts.at(-1)!);
    expect(open.map((i) => `${i.label} ${i.description}`)).toEqual(['Tab/↑↓ move', 'Enter answer', '→ skip', '← back']);
    // → is left to the lesson (skip) and records nothing.
    await h.press(KEY.right);
    expect(h.unhandled).toHaveLength(1); // Ink hands arrows on as an empty input with key.rightArrow
    expect(h.answers).toEqual([]);
    await h.press(KEY.tab, KEY.tab, KEY.enter); // web-1: wrong
    expect(h.contexts.at(-1)).toEqual(['wrongAnswer', 'stepDone']);
    expect(footerItems(h.contexts.at(-1)!).slice(0, 2)).toMatchObject([
      { label: 'r', description: 'try again' },
      { label: 's', description: 'show answer' },
    ]);
    await h.press('r');
    expect(h.contexts.at(-1)).toEqual(['pickNode', 'question']);
    await h.press(KEY.tab, KEY.enter); // a retry starts from nothing: Tab selects the first, lb-1: right
    expect(h.contexts.at(-1)).toEqual(['stepDone']);
    // It all fits: nothing to scroll, so ↑↓ are not offered.
    expect(footerItems(['stepDone']).map((i) => `${i.label} ${i.description}`)).toEqual(['→/Enter next', '← back', 'm map']);

  });

  it('answers a wrong node with its own feedback, allows a retry, and records the first try', async () => {
    h = mountStep(PickNodeQuiz, quiz(spof), { height: 30 });
    await h.press(KEY.tab, KEY.tab, KEY.enter);
    let f = h.frame();
    expect(f).toContain('✗ Not web-1.');
    expect(f).toContain('web-2 still serves if web-1 dies');
    // The explanation names the answer: not after a wrong pick.
    expect(f).not.toContain('Why:');
    expect(f).toContain('r: try again');
    expect(h.answers).toEqual([{ id: 'q-spof', correct: false }]);
    await h.press('r');
    // The retry starts with nothing selected (not on the node just found wrong).
    expect(h.frame()).toContain('now: nothing');
    await h.press(KEY.tab, KEY.enter);
    f = h.frame();
    expect(f).toContain('✓ Correct: lb-1.');
    expect(h.answers).toEqual([
      { id: 'q-spof', correct: false },
      { id: 'q-spof', correct: true },
    ]);
    // Answered: Enter now belongs to the lesson (next step).
    await h.press(KEY.enter);
    expect(h.unhandled).toContain('\r');
  });

  it('at 80 columns a retry keeps its hint whole (tried: …) and a right answer says the score keeps the first try', async () => {
    h = mountStep(PickNodeQuiz, quiz(spof), { width: 80, height: 22 });
    await h.waitFor('PICK A NODE');
    await h.press(KEY.tab, KEY.tab, KEY.enter, 'r');
    let f = h.frame();
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(f.replace(/\s+/g, ' ')).toContain('now: nothing — Tab or ↑↓ to move tried: web-1');
    await h.press(KEY.tab, KEY.enter);
    f = h.frame();
    expect(f).toContain('✓ Correct: lb-1.  (Your score keeps the first try.)');
  });

  it('reducer ignores moves after answering and retry after a right answer', () => {
    const answered = pickReducer({ ...PICK_START, cursor: 0 }, { type: 'answer', node: 'lb-1', grade: { correct: true, explain: '' } });
    expect(pickReducer(answered, { type: 'move', by: 1, count: 3 })).toBe(answered);
    expect(pickReducer(answered, { type: 'retry' })).toBe(answered);
  });
});

describe('predict quiz', () => {
  it('locks the prediction, runs the scenario with its events, then shows the outcome beside it', async () => {
    h = mountStep(PredictQuiz, quiz(predict), { height: 30, width: 100 });
    let f = await h.waitFor('PREDICT, THEN RUN');
    expect(f).toContain('( ) 2. Some requests fail');
    await h.press('2');
    await h.waitFor('(•) 2. Some requests fail');
    await h.press(KEY.enter);
    expect(h.answers).toEqual([{ id: 'q-predict', correct: true }]);
    f = await h.waitFor('You predicted: Some requests fail');
    expect(f).toContain('runs to 12 s');
    await h.press(KEY.enter); // skip to the end
    f = await h.waitFor('What happened');
    expect(f).toMatch(/What happened after 2 s: [\d,]+ of [\d,]+ requests failed/);
    expect(f).not.toMatch(/What happened after 2 s: 0 of/);
    expect(f).toContain('✓ Correct');
    expect(f).toContain('Why: The load balancer learns of the crash');
    expect(f).toMatch(/t 12\.0 s/);
  }, 20_000);

  it('at 76×19 the outcome and the feedback are whole: no cut diagram, no cut line', async () => {
    h = mountStep(PredictQuiz, quiz(predict), { width: 76, height: 19 });
    await h.waitFor('PREDICT');
    await h.press('1', KEY.enter, KEY.enter); // choose, lock in, skip to the end
    const f = await h.waitFor('What happened');
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(f).not.toContain('diagram cut');
    expect(f.replace(/\s+/g, ' ')).toMatch(/What happened after 2 s: [\d,]+ of [\d,]+ requests failed · whole run: availability [\d.]+% · p99 [\d.]+ m?s/);
    expect(f).toContain('r: predict again');
  }, 20_000);

  it('a wrong prediction gets its feedback and can be predicted again', async () => {
    h = mountStep(PredictQuiz, quiz(predict), { height: 30, width: 100 });
    await h.waitFor('PREDICT');
    await h.press('1', KEY.enter, KEY.enter);
    const f = await h.waitFor('What happened');
    expect(f).toContain('✗ That is not what happened.');
    expect(f).toContain('until its checks fail');
    await h.press('r');
    const retry = await h.waitFor('( ) 2.');
    expect(retry).toContain('Enter: lock in your prediction');
    // Nothing stays chosen; the last try is named.
    expect(retry).not.toContain('(•)');
    expect(retry).toContain('( ) 1. Nothing fails: there are two servers (last try)');
    expect(h.answers).toEqual([{ id: 'q-predict', correct: false }]);
    // The second run starts from 0 again and animates.
    await h.press('2', KEY.enter);
    const again = await h.waitFor(/RUNNING[^\n]*t 0\.[1-9]|RUNNING[^\n]*t [1-9]/);
    expect(again).toContain('You predicted: Some requests fail');
  }, 20_000);

  it('reports contexts for its state: no Enter-next while choosing, Enter skips while running, r first after a wrong prediction', async () => {
    h = mountStep(PredictQuiz, quiz(predict), { height: 30, width: 100 });
    await h.waitFor('PREDICT');
    expect(h.contexts.at(-1)).toEqual(['quiz', 'question']);
    const choosing = footerItems(h.contexts.at(-1)!).map((i) => `${i.label} ${i.description}`);
    expect(choosing).toEqual(['↑↓ choose', 'Enter answer', '→ skip', '← back']);
    await h.press(KEY.right); // skip: left to the lesson, nothing recorded
    expect(h.unhandled).toHaveLength(1);
    expect(h.answers).toEqual([]);
    await h.press(KEY.down, KEY.enter); // choose 1 (wrong) and lock it in: the run starts
    await h.waitFor('You predicted:');
    expect(h.contexts.at(-1)).toEqual(['predictRun', 'lab']);
    const running = footerItems(h.contexts.at(-1)!).map((i) => `${i.label} ${i.description}`);
    expect(running.slice(0, 3)).toEqual(['Enter skip to the end', '→ next', '← back']);
    expect(running).not.toContain('Enter answer');
    await h.press(KEY.enter);
    await h.waitFor('What happened');
    expect(h.contexts.at(-1)).toEqual(['wrongAnswer', 'stepDone']);
    expect(footerItems(h.contexts.at(-1)!)[0]).toMatchObject({ label: 'r', description: 'try again' });
    await h.press('r');
    expect(h.contexts.at(-1)).toEqual(['quiz', 'question']);
    await h.press('2', KEY.enter, KEY.enter);
    const f = await h.waitFor('✓ Correct');
    expect(f.replace(/\s+/g, ' ')).toContain('You predicted: Some requests fail until lb-1 marks web-2 DOWN');
    expect(f.replace(/\s+/g, ' ')).toContain('✓ Correct: that is what happened. (Your score keeps the first try.)');
    expect(h.contexts.at(-1)).toEqual(['stepDone']);
  }, 20_000);

  it('starts with nothing chosen: Enter out of habit hints instead of locking choice 1 in', async () => {
    h = mountStep(PredictQuiz, quiz(predict), { height: 30, width: 100 });
    let f = await h.waitFor('PREDICT');
    expect(f).not.toContain('(•)');
    expect(f).toContain('( ) 1. Nothing fails');
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('Choose a prediction first: ↑↓ or 1-2, then Enter runs it');
    expect(f).not.toContain('You predicted');
    expect(h.answers).toEqual([]);
    await h.press(KEY.up); // from nothing, ↑ chooses the last
    expect(h.frame()).toContain('(•) 2. Some requests fail');
  });

  it('the outcome counts the span the question asks about (after the event, or up to a restore), exactly, even when skipped to the end', async () => {
    const lbDies: PredictQuestion = { ...predict, id: 'q-lb', prompt: 'lb-1 is killed at 4 s. What happens to requests after 4 s?', at: ['4:kill:lb-1'], choices: [{ text: 'They all fail', correct: true }, { text: 'Half fail' }] };
    h = mountStep(PredictQuiz, quiz(lbDies), { height: 30, width: 100 });
    await h.waitFor('PREDICT');
    await h.press('1', KEY.enter, KEY.enter);
    let f = (await h.waitFor('What happened')).replace(/\s+/g, ' ');
    const m = /What happened after 4 s: ([\d,]+) of ([\d,]+) requests failed · whole run: availability ([\d.]+)%/.exec(f);
    expect(m, f).not.toBeNull();
    const [failed, total] = [Number(m![1]!.replace(/,/g, '')), Number(m![2]!.replace(/,/g, ''))];
    expect(total).toBeGreaterThan(500); // ~8 s at 100 req/s
    expect(failed / total).toBeGreaterThan(0.98); // all but the few already past lb-1 when it died
    expect(Number(m![3])).toBeGreaterThan(25); // the whole run had 4 healthy seconds
    h.unmount();
    const blip: PredictQuestion = { ...lbDies, id: 'q-blip', at: ['4:kill:lb-1', '8:restore:lb-1'] };
    h = mountStep(PredictQuiz, quiz(blip), { height: 30, width: 100 });
    await h.waitFor('PREDICT');
    await h.press('1', KEY.enter, KEY.enter);
    f = (await h.waitFor('What happened')).replace(/\s+/g, ' ');
    const w = /What happened from 4 s to 8 s: ([\d,]+) of ([\d,]+) requests failed · whole run: availability/.exec(f);
    expect(w, f).not.toBeNull();
    expect(Number(w![1]!.replace(/,/g, '')) / Number(w![2]!.replace(/,/g, ''))).toBeGreaterThan(0.95);
    expect(Number(w![2]!.replace(/,/g, ''))).toBeLessThan(500); // 4 s, not the rest of the run
  }, 20_000);

  it('outcome leaves out a p99 when no request succeeded after the warm-up (not "p99 0.0 ms")', () => {
    const report = (count: number) => ({ requests: { total: 2000, ok: 900, failed: 1100 }, availability: 0.45, latency_ms: { mean: 0, p50: 0, p95: 0, p99: count ? 120 : 0, count } }) as unknown as Report;
    const text = (count: number) => outcomeLine(report(count), false).map((s) => s.text).join('');
    expect(text(0)).toBe('What happened: 1,100 of 2,000 requests failed · availability 45.00%');
    expect(text(500)).toMatch(/availability 45\.00% · p99 120 ms$/);
  });

  it('reducer: the run is only entered from a choice and finished once', () => {
    expect(predictReducer(PREDICT_START, { type: 'submit', grade: { correct: true, explain: '' } })).toBe(PREDICT_START);
    const s0 = { phase: 'choosing' as const, cursor: 1, run: 0 };
    expect(predictReducer(s0, { type: 'finished' })).toBe(s0);
    const s1 = predictReducer(s0, { type: 'submit', grade: { correct: true, explain: '' } });
    expect(s1).toMatchObject({ phase: 'running', choice: 1, run: 1 });
    expect(predictReducer(s1, { type: 'finished' }).phase).toBe('done');
    expect(predictReducer(s0, { type: 'choose', index: 7, count: 2 })).toBe(s0);
  });
});
