/**
 * Every figure the prose states about a simulation agrees with the simulator.
 *
 * Each row quotes the lesson's words exactly (so rewording a figure makes this test
 * point at the row to re-check) and runs the scenario the prose describes, with the
 * lab's timeline, to the moment the lab is judged. The figure must land in the range
 * the words allow ("about 800" → 700–900). Figures quoted from real software
 * (SIM-REFERENCE.md measurements such as "52 s" for a hang) are not simulator claims
 * and are not listed here.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import { parseAt } from '../../src/sim/spec/at';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import type { Report } from '../../src/sim/types';

const { course } = loadCourse(lessonsDir());
const lessonText = new Map<string, string>();
const lessonLabs = new Map<string, string[][]>();
for (const lesson of course.chapters.flatMap((c) => c.lessons)) {
  // A lab's timeline: its `at` lines, or the "show me" recipe the learner plays (s).
  lessonLabs.set(lesson.id, lesson.steps.flatMap((s) => (s.kind === 'lab' ? [[...(s.lab.at ?? []), ...(s.lab.show_me ?? [])]] : [])));
  const text = lesson.steps
    .map((s) => (s.kind === 'page' ? s.markdown : s.kind === 'lab' ? [...(s.lab.try ?? []), ...s.lab.checks.map((c) => `${c.pass ?? ''} ${c.fail ?? ''}`)].join(' ') : ''))
    .join('\n');
  lessonText.set(lesson.id, text.replace(/\s+/g, ' '));
}

const runs = new Map<string, Report>();
function run(scenario: string, at: string[], untilS: number): Report {
  const key = `${scenario}|${at.join(',')}|${untilS}`;
  let report = runs.get(key);
  if (!report) {
    const sc = loadScenario(scenario, scenariosDir());
    report = createEngine(sc, { duration_s: untilS, at: at.map(parseAt) }).run();
    runs.set(key, report);
  }
  return report;
}
const eventAt = (r: Report, type: string, node: string): number | undefined => r.events.find((e) => e.type === type && e.node === node)?.t_s;

interface Claim {
  lesson: string;
  /** The words of the lesson, verbatim (whitespace-insensitive). */
  quote: string;
  scenario: string;
  at: string[];
  /** The lab of the lesson (1 = its first) whose run the figure describes: its timeline must still be `at`. */
  lab?: number;
  /** Run to this virtual second: the moment the lab's checks are judged. */
  until_s: number;
  /** The figure the quote states, measured on the run, and the range it allows. */
  figure(r: Report): number | undefined;
  range: [number, number];
}

const LONE_SERVER = ['10:kill:server-1', '20:restore:server-1'];
const CAPACITY = ['30:kill:web-2'];
const FIVE_KILLS = ['10:kill:lb-1', '20:kill:web-1', '28:restore:web-1', '36:kill:app-1', '44:restore:app-1', '52:kill:db-1', '60:restore:db-1'];
const ROLLING = ['10:drain:web-1', '14:stop:web-1', '18:restore:web-1', '26:undrain:web-1', '32:drain:web-2', '36:stop:web-2', '40:restore:web-2', '48:undrain:web-2'];

const CLAIMS: Claim[] = [
  { lesson: 'sws-issues', quote: 'About **500 of 3,300 requests failed**', scenario: 'simple-web-stack', at: LONE_SERVER, lab: 1, until_s: 65, figure: (r) => r.requests.failed, range: [450, 550] },
  { lesson: 'sws-issues', quote: 'About **500 of 3,300 requests failed**', scenario: 'simple-web-stack', at: LONE_SERVER, lab: 1, until_s: 65, figure: (r) => r.requests.total, range: [3100, 3500] },
  { lesson: 'sws-issues', quote: 'roughly one in seven (availability ≈ 85 %)', scenario: 'simple-web-stack', at: LONE_SERVER, lab: 1, until_s: 65, figure: (r) => r.availability, range: [0.83, 0.87] },
  { lesson: 'dist-lb', quote: 'So after a crash, lb-1 needs **4 to 6 s** to notice', scenario: 'distributed', at: ['10:kill:web-2'], until_s: 55, figure: (r) => eventAt(r, 'marked_down', 'web-2')! - 10, range: [4, 6] },
  { lesson: 'dist-fail', quote: 'web-2 was marked DOWN at **21.02 s**, 11 s after the fault', scenario: 'distributed', at: ['10:blackhole:web-2'], until_s: 55, figure: (r) => eventAt(r, 'marked_down', 'web-2'), range: [21.0, 21.05] },
  {
    lesson: 'dist-fail',
    quote: 'About **twice as many requests failed** as after a crash',
    scenario: 'distributed',
    at: ['10:blackhole:web-2'],
    until_s: 55,
    figure: (r) => r.requests.failed / run('distributed', ['10:kill:web-2'], 55).requests.failed,
    range: [1.7, 2.4],
  },
  { lesson: 'dist-algo', quote: 'about 150 ms, against about 200 ms with round robin', scenario: 'queueing', at: ['1:set_algorithm:lb-1:leastconn'], lab: 1, until_s: 46, figure: (r) => r.latency_ms.p99, range: [135, 165] },
  { lesson: 'dist-algo', quote: 'about 150 ms, against about 200 ms with round robin', scenario: 'queueing', at: [], until_s: 46, figure: (r) => r.latency_ms.p99, range: [180, 220] },
  { lesson: 'dist-fail', quote: 'was marked DOWN **31 s after the hang**', scenario: 'distributed', at: ['10:hang:web-2:nginx'], lab: 1, until_s: 55, figure: (r) => eventAt(r, 'marked_down', 'web-2')! - 10, range: [29, 33] },
  { lesson: 'dist-fail', quote: 'the backlog was full about 20 s after the hang', scenario: 'distributed', at: ['10:hang:web-2:nginx'], lab: 1, until_s: 55, figure: (r) => eventAt(r, 'backlog_full', 'web-2')! - 10, range: [18, 22] },
  { lesson: 'dist-fail', quote: 'about **1,000 requests had failed**, most of them with a 504', scenario: 'distributed', at: ['10:hang:web-2:nginx'], lab: 1, until_s: 55, figure: (r) => r.requests.failed, range: [900, 1100] },
  { lesson: 'dist-fail', quote: 'about **1,000 requests had failed**, most of them with a 504', scenario: 'distributed', at: ['10:hang:web-2:nginx'], lab: 1, until_s: 55, figure: (r) => (r.requests.by_code?.['504'] ?? 0) / r.requests.failed, range: [0.5, 1] },
  { lesson: 'dist-fail', quote: 'about **1,150 requests waited a minute**', scenario: 'hung-app', at: [], until_s: 180, figure: (r) => r.requests.slow as number, range: [1050, 1250] },
  { lesson: 'dist-fail', quote: '**79 POSTs failed**', scenario: 'hung-app', at: [], until_s: 180, figure: (r) => r.requests.by_code?.['504'] ?? 0, range: [79, 79] },
  { lesson: 'dist-fail', quote: 'users see **no error at all**', scenario: 'hung-app', at: [], until_s: 65, figure: (r) => r.requests.failed, range: [0, 0] },
  { lesson: 'dist-fail', quote: 'the TCP check let about **1,600 requests fail**', scenario: 'distributed', at: ['10:kill:web-2:app'], lab: 2, until_s: 55, figure: (r) => r.requests.failed, range: [1450, 1750] },
  { lesson: 'dist-fail', quote: 'the HTTP check about **180**: web-2 was marked DOWN at **15.02 s**', scenario: 'distributed-httpchk', at: ['10:kill:web-2:app'], lab: 3, until_s: 55, figure: (r) => r.requests.failed, range: [150, 210] },
  { lesson: 'dist-fail', quote: 'the HTTP check about **180**: web-2 was marked DOWN at **15.02 s**', scenario: 'distributed-httpchk', at: ['10:kill:web-2:app'], lab: 3, until_s: 55, figure: (r) => eventAt(r, 'marked_down', 'web-2'), range: [15.0, 15.05] },
  { lesson: 'scale-vrrp', quote: 'without the script **82 % of requests failed**', scenario: 'five-machines', at: ['10:kill:lb-1:haproxy'], lab: 1, until_s: 55, figure: (r) => 1 - r.availability, range: [0.8, 0.84] },
  { lesson: 'scale-vrrp', quote: 'lb-1 went to FAULT at **12.90 s** and lb-2 held the VIP at **13.51 s**', scenario: 'five-machines-tracked', at: ['10:kill:lb-1:haproxy'], lab: 2, until_s: 55, figure: (r) => eventAt(r, 'vrrp_fault', 'lb-1'), range: [12.88, 12.92] },
  { lesson: 'scale-vrrp', quote: 'lb-1 went to FAULT at **12.90 s** and lb-2 held the VIP at **13.51 s**', scenario: 'five-machines-tracked', at: ['10:kill:lb-1:haproxy'], lab: 2, until_s: 55, figure: (r) => eventAt(r, 'vip_moved', 'lb-2'), range: [13.49, 13.53] },
  { lesson: 'scale-vrrp', quote: 'During those **2.6 s** (10 s to 12.61 s) nobody answered on the VIP', scenario: 'five-machines', at: ['10:kill:lb-1'], lab: 3, until_s: 55, figure: (r) => eventAt(r, 'vip_moved', 'lb-2'), range: [12.6, 12.62] },
  { lesson: 'scale-vrrp', quote: 'about 265 requests were **delayed** by 1 to 3 s', scenario: 'five-machines', at: ['10:kill:lb-1'], lab: 3, until_s: 55, figure: (r) => r.requests.slow as number, range: [240, 290] },
  { lesson: 'scale-vrrp', quote: 'only the 4 requests inside lb-1 when it crashed failed', scenario: 'five-machines', at: ['10:kill:lb-1'], lab: 3, until_s: 55, figure: (r) => r.requests.failed, range: [4, 4] },
  { lesson: 'scale-vrrp', quote: 'only the 4 requests inside lb-1 when it crashed failed', scenario: 'five-machines', at: ['10:kill:lb-1'], lab: 3, until_s: 55, figure: (r) => r.latency_ms.p99, range: [1000, 3500] },
  { lesson: 'scale-split', quote: 'median request takes about **4 s** one minute in', scenario: 'capacity', at: [], until_s: 60, figure: (r) => r.latency_ms.p50 / 1000, range: [3.7, 4.5] },
  { lesson: 'scale-split', quote: 'and about **7 s** two minutes in', scenario: 'capacity', at: [], until_s: 120, figure: (r) => r.latency_ms.p50 / 1000, range: [6.5, 7.8] },
  { lesson: 'scale-split', quote: '**several hundred requests failed**', scenario: 'capacity', at: CAPACITY, lab: 1, until_s: 75, figure: (r) => r.requests.failed, range: [300, 999] },
  { lesson: 'scale-split', quote: 'DOWN 4–5 s later', scenario: 'capacity', at: CAPACITY, lab: 1, until_s: 75, figure: (r) => eventAt(r, 'marked_down', 'web-2')! - 30, range: [4, 5.1] },
  { lesson: 'scale-split', quote: 'The app tier is at **100%**', scenario: 'capacity', at: CAPACITY, lab: 1, until_s: 75, figure: (r) => r.nodes['app-1']!.utilization, range: [0.95, 1] },
  { lesson: 'scale-split', quote: 'web and database stay at **2–3%**', scenario: 'capacity', at: CAPACITY, lab: 1, until_s: 75, figure: (r) => Math.max(r.nodes['web-1']!.utilization, r.nodes['db-1']!.utilization), range: [0.01, 0.05] },
  { lesson: 'scale-spof', quote: 'about **one request in four failed** (availability ≈ 75%)', scenario: 'five-machines', at: FIVE_KILLS, lab: 1, until_s: 105, figure: (r) => r.availability, range: [0.72, 0.78] },
  { lesson: 'scale-spof', quote: 'The checks marked it DOWN at 25 s', scenario: 'five-machines', at: FIVE_KILLS, lab: 1, until_s: 105, figure: (r) => eventAt(r, 'marked_down', 'web-1'), range: [24.5, 25.5] },
  { lesson: 'scale-spof', quote: '**lb-1**: 2.6 s without an answer', scenario: 'five-machines', at: FIVE_KILLS, lab: 1, until_s: 105, figure: (r) => eventAt(r, 'vip_moved', 'lb-2')! - 10, range: [2.55, 2.65] },
  { lesson: 'scale-next', quote: 'about **1,000 requests failed** (availability 93 % over 100 s)', scenario: 'active-active', at: ['10:kill:lb-1'], lab: 2, until_s: 100, figure: (r) => r.requests.failed, range: [900, 1100] },
  { lesson: 'scale-next', quote: 'about **1,000 requests failed** (availability 93 % over 100 s)', scenario: 'active-active', at: ['10:kill:lb-1'], lab: 2, until_s: 100, figure: (r) => r.availability, range: [0.925, 0.935] },
  { lesson: 'scale-next', quote: 'the median request took **about 6 s**', scenario: 'headroom', at: ['10:kill:web-2'], lab: 1, until_s: 55, figure: (r) => r.latency_ms.p50 / 1000, range: [5, 7] },
  { lesson: 'scale-next', quote: 'both servers about 70 % busy, pages in about 90 ms', scenario: 'headroom', at: [], until_s: 55, figure: (r) => r.nodes['web-1']!.utilization, range: [0.6, 0.8] },
  { lesson: 'scale-next', quote: 'both servers about 70 % busy, pages in about 90 ms', scenario: 'headroom', at: [], until_s: 55, figure: (r) => r.latency_ms.p50, range: [80, 100] },
  { lesson: 'scale-deploy', quote: 'finished within a few tens of milliseconds: drained', scenario: 'scale-up', at: ROLLING, until_s: 93, figure: (r) => eventAt(r, 'drained', 'web-1')! - 10, range: [0.01, 0.1] },
  { lesson: 'scale-deploy', quote: 'so it was never marked DOWN.', scenario: 'scale-up', at: ROLLING, until_s: 93, figure: (r) => r.events.filter((e) => e.type === 'marked_down').length, range: [0, 0] },
  { lesson: 'scale-deploy', quote: '**Zero** errors.', scenario: 'scale-up', at: ROLLING, until_s: 93, figure: (r) => r.requests.failed, range: [0, 0] },
];

describe('figures in the prose agree with the simulator', () => {
  for (const claim of CLAIMS) {
    it(`${claim.lesson}: "${claim.quote}" (${claim.scenario} ${claim.at.join(' ') || 'as shipped'})`, () => {
      const text = lessonText.get(claim.lesson);
      expect(text, `lesson ${claim.lesson}`).toBeDefined();
      expect(text, 'the lesson still says this').toContain(claim.quote.replace(/\s+/g, ' '));
      if (claim.lab !== undefined) expect(lessonLabs.get(claim.lesson)?.[claim.lab - 1], `lab ${claim.lab} of ${claim.lesson} runs what the prose describes`).toEqual(claim.at);
      const value = claim.figure(run(claim.scenario, claim.at, claim.until_s));
      expect(value, 'measured').toBeDefined();
      expect(value!).toBeGreaterThanOrEqual(claim.range[0]);
      expect(value!).toBeLessThanOrEqual(claim.range[1]);
    });
  }
});
