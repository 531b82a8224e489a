/**
 * A playlist of demos (`webinfra-learn demo PLAYLIST.yaml`): steps, each a scenario
 * with extra `at` events and cues, a start speed and a caption. Scenarios are found
 * beside the playlist first, then among the built-in ones (and may `extends` either).
 *
 *   title: Class 1
 *   steps:
 *     - scenario: distributed
 *       caption: "A web server dies"
 *       speed: 2
 *       at: ["20:kill:web-2", "23:pause", "24:say:lb-1 still sends to web-2"]
 *       pause_on: [marked_down]
 *
 * Problems are reported as `file:line` (ScenarioError), every one at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { docLocate } from './spec/extends';
import { parseAtSpec } from './spec/at';
import { isCueSpec, parseCueSpec, parsePauseOn, sortCues, SPEED_MAX, SPEED_MIN, type Cue } from './spec/cues';
import { LIMITS } from './spec/limits';
import { ScenarioError, timelineProblem, type ScenarioProblem } from './spec/scenario';
import { loadScenario } from './scenario';
import type { EngineOptions, Scenario, TimelineEvent } from './spec/types';

export interface PlaylistStep {
  caption: string;
  scenario: Scenario;
  engineOptions: EngineOptions;
  speed: number;
  cues: Cue[];
  pauseOn: string[];
}

export interface Playlist {
  title: string;
  steps: PlaylistStep[];
}

const STEP_KEYS = ['scenario', 'caption', 'at', 'speed', 'seed', 'duration', 'rate', 'pause_on'];
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks a playlist file; throws ScenarioError (`file:line: …`) listing every problem. */
export function loadPlaylist(file: string, scenariosDir: string): Playlist {
  const shown = file;
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: ScenarioProblem[] = [];
  const err = (p: (string | number)[], message: string) => problems.push({ file: shown, line: docLocate(doc, lines, p).line, message });
  if (doc.errors.length > 0) throw new ScenarioError(doc.errors.map((e) => ({ file: shown, line: e.linePos?.[0]?.line ?? 1, message: `YAML syntax: ${e.message.split('\n')[0]}` })));
  const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isObj(raw) || !Array.isArray(raw.steps) || raw.steps.length === 0) throw new ScenarioError([{ file: shown, line: 1, message: 'a playlist is a mapping with a title and a list of steps' }]);
  for (const k of Object.keys(raw)) if (k !== 'title' && k !== 'steps') err([k], `unknown key '${k}' (a playlist has title and steps)`);
  const title = typeof raw.title === 'string' ? raw.title : path.basename(file);
  const steps: PlaylistStep[] = [];
  const dir = path.dirname(path.resolve(file));
  raw.steps.forEach((s: unknown, i: number) => {
    const sp = ['steps', i];
    if (!isObj(s)) return err(sp, 'a step is a mapping: scenario, caption, at, speed, pause_on');
    for (const k of Object.keys(s)) if (!STEP_KEYS.includes(k)) err([...sp, k], `unknown key '${k}' in a step (one of ${STEP_KEYS.join(', ')})`);
    if (typeof s.scenario !== 'string' || s.scenario === '') return err(sp, "a step needs 'scenario' (a built-in name or a file beside the playlist)");
    let scenario: Scenario;
    try {
      const local = path.resolve(dir, /\.ya?ml$/i.test(s.scenario) ? s.scenario : `${s.scenario}.yaml`);
      scenario = loadScenario(existsSync(local) ? local : s.scenario, scenariosDir);
    } catch (e) {
      if (e instanceof ScenarioError) problems.push(...e.problems);
      else err([...sp, 'scenario'], (e as Error).message);
      return;
    }
    const num = (k: string, min: number, max: number): number | undefined => {
      const v = s[k];
      if (v === undefined) return undefined;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
        err([...sp, k], `'${k}' must be a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
        return undefined;
      }
      return v;
    };
    const speed = num('speed', SPEED_MIN, SPEED_MAX) ?? 1;
    const engineOptions: EngineOptions = {};
    const seed = num('seed', 0, LIMITS.seed!.max);
    if (seed !== undefined) engineOptions.seed = seed;
    const duration = num('duration', 1, LIMITS.duration_s!.max);
    if (duration !== undefined) engineOptions.duration_s = duration;
    const rate = num('rate', 1, LIMITS.rate_rps!.max);
    if (rate !== undefined) engineOptions.rate_rps = rate;
    const end = duration ?? scenario.duration_s;
    const at: TimelineEvent[] = [];
    const cues: Cue[] = [];
    if (typeof s.caption === 'string' && s.caption.trim()) cues.push({ at_s: 0, action: 'say', text: s.caption.trim() });
    const list = s.at === undefined ? [] : Array.isArray(s.at) ? s.at : (err([...sp, 'at'], "'at' is a list of events, e.g. [\"20:kill:web-2\", \"23:pause\"]"), []);
    list.forEach((a: unknown, j: number) => {
      const ap = [...sp, 'at', j];
      if (typeof a !== 'string') return err(ap, 'an at event is a string, e.g. "20:kill:web-2"');
      const r = isCueSpec(a) ? parseCueSpec(a) : parseAtSpec(a);
      if ('error' in r) return err(ap, r.error);
      const t = 'cue' in r ? r.cue.at_s : r.event.at_s;
      if (t > end) return err(ap, `'${a}': ${t} s is after the end of the run (${end} s)`);
      if ('cue' in r) return void cues.push(r.cue);
      const problem = timelineProblem(r.event, scenario.nodes);
      if (problem) return err(ap, `'${a}': ${problem}`);
      at.push(r.event);
    });
    if (at.length) engineOptions.at = at;
    const pauseOn: string[] = [];
    const po = s.pause_on === undefined ? [] : Array.isArray(s.pause_on) ? s.pause_on : [s.pause_on];
    po.forEach((k: unknown, j: number) => {
      const r = parsePauseOn(String(k));
      if ('error' in r) err([...sp, 'pause_on', j], r.error.replace(/^--pause-on /, ''));
      else pauseOn.push(r.kind);
    });
    steps.push({ caption: typeof s.caption === 'string' ? s.caption : scenario.name, scenario, engineOptions, speed, cues: sortCues(cues), pauseOn });
  });
  if (problems.length) throw new ScenarioError(problems);
  return { title, steps };
}
