/**
 * Every lab of the shipped course, run headless on the real simulator.
 *
 * A lab teaches only if its checks can both pass and fail: run with the lab's `at`
 * events (what the learner is asked to do), every check must pass; run without them
 * (the learner did nothing), at least one must fail; and before the first action no
 * check may already be ticked. Checks are judged with `judgeLab` at `judgeTimeS`,
 * the same rule and moment the lab screen uses. Predict questions are run too,
 * and the outcome their correct choice claims is asserted against the simulator, so a
 * change in the engine that makes a question's answer wrong fails here.
 *
 * Runs are capped at 120 virtual seconds; each takes tens of milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import type { LabBlock } from '../../src/course/types';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import type { PredictQuestion } from '../../src/quiz/types';
import { judgeLab, judgeTimeS, parseAt, type Verdict } from '../../src/sim/checks';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import type { Report } from '../../src/sim/types';

const MAX_DURATION_S = 120;

const { course } = loadCourse(lessonsDir());
const labs: { lab: LabBlock; where: string }[] = [];
const predicts = new Map<string, PredictQuestion>();
for (const chapter of course.chapters) {
  for (const lesson of chapter.lessons) {
    for (const step of lesson.steps) {
      if (step.kind === 'lab') labs.push({ lab: step.lab, where: `${lesson.id} (${lesson.file}:${step.pos.line})` });
      if (step.kind === 'quiz' && step.question.kind === 'predict') predicts.set(step.question.id, step.question);
    }
  }
}

/** Runs a scenario headless with the given timeline specs. */
function run(scenarioId: string, at: string[] = []): Report {
  const scenario = loadScenario(scenarioId, scenariosDir());
  const duration_s = Math.min(scenario.duration_s, MAX_DURATION_S);
  return createEngine(scenario, { duration_s, at: at.map(parseAt) }).run();
}

/**
 * Runs a lab headless to the moment its checks are judged (or to `stopS`, earlier)
 * and returns each check's verdict there, as the lab screen would show it.
 */
function judgeRun(lab: LabBlock, withAt: boolean, stopS?: number): { verdicts: Verdict[]; judgeAtS: number } {
  const scenario = loadScenario(lab.scenario, scenariosDir());
  const at = withAt ? (lab.at ?? []).map(parseAt) : [];
  const judgeAtS = judgeTimeS([...scenario.timeline, ...at].map((e) => e.at_s), scenario.duration_s);
  const nowS = stopS ?? judgeAtS;
  const engine = createEngine(scenario, { duration_s: Math.max(scenario.duration_s, judgeAtS), at });
  engine.runUntil(nowS * 1000);
  return { verdicts: judgeLab(lab.checks, engine.report(), nowS, judgeAtS), judgeAtS };
}

const firstEvent = (r: Report, type: string, node?: string) =>
  r.events.find((e) => e.type === type && (node === undefined || e.node === node));

describe('labs on the simulator', () => {
  it('finds the labs of the course', () => {
    expect(labs.length).toBeGreaterThanOrEqual(13);
  });

  for (const { lab, where } of labs) {
    describe(`${lab.title ?? lab.goal} — ${where}`, () => {
      it('passes every check when the learner does what the lab asks', () => {
        const { verdicts, judgeAtS } = judgeRun(lab, true);
        expect(judgeAtS).toBeLessThanOrEqual(MAX_DURATION_S);
        const failing = lab.checks.filter((_, i) => verdicts[i] !== 'pass').map((c) => c.text);
        expect(failing).toEqual([]);
      });

      it('fails at least one check when nothing is done', () => {
        const { verdicts } = judgeRun(lab, false);
        expect(verdicts).not.toContain('pending');
        expect(verdicts.filter((v) => v === 'fail').length).toBeGreaterThan(0);
      });

      // Events may tick early when the scenario is broken from the start (writes
      // rejected by a replica); a metric is only judged once the actions are done.
      it('judges no metric check before the first action', () => {
        const first = Math.min(...(lab.at ?? []).map((a) => parseAt(a).at_s));
        const { verdicts } = judgeRun(lab, true, Math.max(0, first - 0.5));
        const metricVerdicts = verdicts.filter((_, i) => 'metric' in lab.checks[i]!.when);
        expect(metricVerdicts.every((v) => v === 'pending')).toBe(true);
        expect(verdicts).not.toContain('fail');
      });
    });
  }
});

/**
 * What each predict question's correct choice claims, as a check on the run.
 * Keyed by question id; every predict question of the course must be listed.
 */
const PREDICT_CLAIMS: Record<string, (r: Report) => void> = {
  // "All of them (100 %)" fail while the lone server is down for 10 s at 50 req/s.
  'sws-issues-predict-kill': (r) => {
    const down = r.events.find((e) => e.type === 'node_killed')!;
    const up = r.events.find((e) => e.type === 'node_restored')!;
    const expected = r.requests.total / r.duration_s * (up.t_s - down.t_s);
    expect(r.requests.failed / expected).toBeGreaterThan(0.85);
  },
  // "About half" of the requests fail between the kill and DOWN (4–6 s, no redispatch).
  'dist-lb-predict-down': (r) => {
    const killed = firstEvent(r, 'node_killed', 'web-2')!;
    const down = firstEvent(r, 'marked_down', 'web-2')!;
    const window = down.t_s - killed.t_s;
    expect(window).toBeGreaterThanOrEqual(4);
    expect(window).toBeLessThanOrEqual(6.5);
    const inWindow = (r.requests.total / r.duration_s) * window;
    const share = r.requests.failed / inWindow;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
  },
  // "They all fail" once lb-1 is gone.
  'dist-issues-predict-lb': (r) => {
    expect(firstEvent(r, 'node_killed', 'lb-1')).toBeDefined();
    expect(r.availability).toBeLessThan(0.3);
  },
  // "They all fail": no primary, nobody promotes, the replica stays read-only.
  'sec-issues-predict-primary': (r) => {
    expect(r.db?.writes_failed).toBeGreaterThan(0);
    expect(firstEvent(r, 'promoted')).toBeUndefined();
  },
  // "About 2.7 to 3.6 s later" lb-2 holds the VIP.
  'scale-vrrp-predict': (r) => {
    const killed = firstEvent(r, 'node_killed', 'lb-1')!;
    const moved = firstEvent(r, 'vip_moved', 'lb-2')!;
    expect(moved).toBeDefined();
    expect(moved.t_s - killed.t_s).toBeGreaterThan(2.5);
    expect(moved.t_s - killed.t_s).toBeLessThanOrEqual(3.7);
  },
  // "Some requests fail" when web-1 is stopped without draining; web-2 keeps the rest.
  'scale-deploy-predict-nodrain': (r) => {
    expect(r.requests.failed).toBeGreaterThan(0);
    expect(r.availability).toBeGreaterThan(0.9);
  },
};

describe('predict questions agree with the simulator', () => {
  it('has a claim for every predict question', () => {
    expect([...predicts.keys()].sort()).toEqual(Object.keys(PREDICT_CLAIMS).sort());
  });

  for (const [id, question] of predicts) {
    it(`${id}: the correct choice is what the run shows`, () => {
      const claim = PREDICT_CLAIMS[id];
      if (!claim) throw new Error(`no claim written for ${id}`);
      claim(run(question.scenario, question.at));
    });
  }
});
