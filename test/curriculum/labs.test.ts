/**
 * Every lab of the shipped course, run headless on the real simulator and judged by
 * src/labs, the rule the lab screen uses (a check ticks when met and stays ticked).
 *
 * A lab teaches only if its checks can both pass and fail: when the learner does
 * what the lab offers (its `at` timeline, its own keys, its "show me" recipe) every
 * check passes within two minutes; when nothing is done the lab is not complete;
 * and before the first thing happens no metric check is ticked (a metric true at
 * t = 0 teaches nothing: such a check needs a window). Predict questions are run
 * too, and the outcome their correct choice claims is asserted against the
 * simulator, so a change in the engine that makes a question's answer wrong fails.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import type { LabBlock } from '../../src/course/types';
import { LabJudge, judgeRun } from '../../src/labs';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import type { PredictQuestion } from '../../src/quiz/types';
import { createEngine } from '../../src/sim/engine';
import { parseAt } from '../../src/sim/spec/at';
import { loadScenario } from '../../src/sim/scenario';
import type { Report } from '../../src/sim/types';
import { learnerRun } from '../../src/ui/lab/lab-tools';

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

/** The lab left alone (no `at`, no key, no recipe) for two minutes. */
function idleRun(lab: LabBlock): LabJudge {
  const scenario = loadScenario(lab.scenario, scenariosDir());
  const judge = new LabJudge(lab.checks);
  judgeRun(createEngine(scenario, { duration_s: MAX_DURATION_S }), judge, MAX_DURATION_S);
  return judge;
}

const firstEvent = (r: Report, type: string, node?: string) =>
  r.events.find((e) => e.type === type && (node === undefined || e.node === node));

describe('labs on the simulator', () => {
  it('finds the labs of the course', () => {
    expect(labs.length).toBeGreaterThanOrEqual(13);
  });

  for (const { lab, where } of labs) {
    describe(`${lab.title ?? lab.goal} — ${where}`, () => {
      it('passes every check when the learner does what the lab offers, within two minutes', () => {
        const r = learnerRun(loadScenario(lab.scenario, scenariosDir()), lab, MAX_DURATION_S);
        const failing = lab.checks.filter((_, i) => r.judge.verdicts[i] !== 'pass').map((c) => c.text);
        expect(failing).toEqual([]);
        expect(r.completeS).toBeLessThanOrEqual(MAX_DURATION_S);
      });

      it('is not complete when nothing is done', () => {
        expect(idleRun(lab).complete).toBe(false);
      });

      it('ticks no metric check without a window before anything happens', () => {
        const scenario = loadScenario(lab.scenario, scenariosDir());
        const engine = createEngine(scenario, { duration_s: MAX_DURATION_S });
        const judge = new LabJudge(lab.checks);
        // Up to the first scripted moment (or 5 s), with nothing done.
        const first = Math.min(5, ...(lab.at ?? []).map((a) => parseAt(a).at_s)) - 0.5;
        judgeRun(engine, judge, Math.max(0.5, first));
        const early = lab.checks.filter((c, i) => 'metric' in c.when && !c.window && judge.verdicts[i] === 'pass' && !brokenFromStart(lab));
        expect(early.map((c) => c.text)).toEqual([]);
      });
    });
  }
});

/**
 * Labs whose scenario is broken from the first request (a write hits a replica, a
 * replica lags, the app tier is over capacity): seeing that at once is the point.
 */
function brokenFromStart(lab: LabBlock): boolean {
  return ['replica-write', 'replication-lag', 'capacity'].includes(lab.scenario);
}

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
