/**
 * The design editor told as lines, for screen-reader mode: the same pure editor model
 * (design/editor/model.ts, fields.ts) the drawn editor uses, driven by keys, each
 * change said once ("server-1, Nginx (web server): on. Added Nginx to server-1.").
 * The learner builds the task's design, checks it against the task, predicts each
 * fault and runs the drill, as on the drawn screen. Pure apart from `save`, which the
 * caller gives (the design is saved after every change, like the drawn editor's).
 */
import { describeDiagram } from '../../diagram/describe';
import { checkDesign, type TaskNumber } from '../../design/requirements';
import { drillDesign, type DrillResult } from '../../design/drill';
import { listFaults, type Fault } from '../../design/faults';
import { yearlyAvailability } from '../../design/availability';
import { DNS_ID, editorReducer, initialEditorState, machineIds, type EditorAction, type EditorState } from '../../design/editor/model';
import { fieldsOf, machineSummary, type Field } from '../../design/editor/fields';
import { runnable } from '../../design/editor/files';
import { buildTopology } from '../../sim/spec/topology';
import type { Scenario } from '../../sim/types';
import { faultName } from '../design/panel-lines';
import { keysSpoken } from './plain-text';
import type { SrKey } from './controller';

/** What one key said: lines in order, each with an optional role for the screen reader. */
export type BuildSaid = { text: string; role?: 'listitem' | 'option' }[];

export interface BuildSessionOptions {
  task: TaskNumber;
  initial: Scenario;
  /** Problems found when the saved design was loaded (`file:line: message`). */
  loadProblems?: readonly string[];
  /** The file the design is saved to (named in problems). */
  file: string;
  /** Save a changed design; returns an error sentence when it could not. */
  save(design: Scenario): string | undefined;
  /** Inside a lesson (n moves on) rather than `webinfra-learn design` (q quits). */
  inLesson?: boolean;
}

type Prediction = 'errors' | 'no errors' | undefined;

const line = (text: string, role?: 'listitem' | 'option'): BuildSaid[number] => ({ text, role });

export class BuildSession {
  state: EditorState;
  /** The setting the learner is on, in the selected machine's fields. */
  private cursor = 0;
  /** Predicting the drill: the faults, the answers so far, the fault asked now. */
  private predict?: { faults: Fault[]; answers: Prediction[]; at: number; scenario: Scenario };
  drill?: DrillResult;

  constructor(private readonly opts: BuildSessionOptions) {
    this.state = initialEditorState(opts.initial);
  }

  /** Whether the session is asking for predictions (y / n / Enter are its keys then). */
  get predicting(): boolean {
    return this.predict !== undefined;
  }

  /** What is said on entering the build step. */
  intro(): BuildSaid {
    const d = this.state.design;
    const out: BuildSaid = [line(`Your design of task ${this.opts.task}, saved in ${this.opts.file}: ${this.machinesWord()}.`)];
    for (const p of this.opts.loadProblems ?? []) out.push(line(`Problem: ${p}`, 'listitem'));
    out.push(...this.overview());
    if (d.nodes.length === 0) out.push(line('No machine yet: press a to add a server.'));
    out.push(line(this.help()));
    return out;
  }

  help(): string {
    return keysSpoken([
      ['Tab', 'for the next machine (Shift+Tab the previous)'],
      ['up or down arrow', 'to move over its settings'],
      ['right or left arrow', 'to change the setting (Space too; on a firewall rule, Space changes who it allows)'],
      ['a', 'to add a server'],
      ['b', 'to add a load balancer'],
      ['x', 'to remove the machine'],
      ['+', 'to add a firewall rule'],
      ['-', 'to remove the rule you are on'],
      ['u', 'to undo'],
      ['s', 'to hear the whole design'],
      ['c', 'to check it against the task'],
      ['d', 'to predict each fault, then break it'],
      ['D', 'to hear it as a list, from the users to the database'],
      this.opts.inLesson ? ['n', 'for the next step'] : ['q', 'to quit (the design is saved after every change)'],
    ]);
  }

  /** Every machine with its summary, one line each. */
  overview(): BuildSaid {
    const d = this.state.design;
    return machineIds(d).map((id) => line(`${id === DNS_ID ? 'DNS record' : id}: ${machineSummary(d, id)}`, 'listitem'));
  }

  private machinesWord(): string {
    const n = this.state.design.nodes.length;
    return n === 0 ? 'no machine yet' : `${n} machine${n === 1 ? '' : 's'}`;
  }

  private fields(): Field[] {
    return fieldsOf(this.state.design, this.state.selected);
  }

  private fieldLine(f: Field | undefined): string {
    if (!f) return 'This machine has no settings.';
    const value = f.value === '[x]' ? 'on' : f.value === '[ ]' ? 'off' : f.value;
    return `${f.label.trim()}: ${value}.${f.hint ? ` ${f.hint}` : ''}`;
  }

  private selectedLine(): string {
    const id = this.state.selected;
    const fields = this.fields();
    return `${id === DNS_ID ? 'DNS record' : id}, ${machineSummary(this.state.design, id)}; ${fields.length} setting${fields.length === 1 ? '' : 's'}. ${this.fieldLine(fields[this.cursor])}`;
  }

  private apply(action: EditorAction | undefined): BuildSaid {
    if (!action) return [line('That setting does not change here.')];
    const before = this.state.design;
    this.state = editorReducer(this.state, action);
    const out: BuildSaid = [];
    if (this.state.design !== before) {
      const error = this.opts.save(this.state.design);
      if (error) out.push(line(`Not saved: ${error}`));
    }
    return out;
  }

  /** One key; undefined when it is not one of the editor's (the step's keys then apply). */
  key(input: string, key: SrKey): BuildSaid | undefined {
    if (this.predict) return this.predictKey(input, key);
    const fields = this.fields();
    const f = fields[Math.min(this.cursor, fields.length - 1)];
    const note = (): BuildSaid => (this.state.note ? [line(this.state.note)] : []);
    if (key.tab) {
      this.state = editorReducer(this.state, { type: 'selectNext', delta: key.shift ? -1 : 1 });
      this.cursor = 0;
      return [line(this.selectedLine(), 'option')];
    }
    if (key.upArrow || key.downArrow) {
      this.cursor = Math.max(0, Math.min(fields.length - 1, this.cursor + (key.upArrow ? -1 : 1)));
      return [line(`${this.cursor + 1} of ${fields.length}: ${this.fieldLine(fields[this.cursor])}`, 'option')];
    }
    if (key.rightArrow || key.leftArrow || input === ' ') {
      const said = this.apply(input === ' ' ? (f?.alt ?? f?.next) : key.rightArrow ? f?.next : f?.prev);
      const now = this.fields().find((x) => x.key === f?.key) ?? this.fields()[this.cursor];
      return [line(this.fieldLine(now)), ...note().filter((n) => n.text !== this.fieldLine(now)), ...said];
    }
    const edit = (action: EditorAction, cursor?: number): BuildSaid => {
      const said = this.apply(action);
      this.cursor = cursor ?? 0;
      return [...note(), ...said, line(this.selectedLine(), 'option')];
    };
    switch (input) {
      case 'a':
        return edit({ type: 'addServer' });
      case 'b':
        return edit({ type: 'addLoadBalancer' });
      case 'x':
        return edit({ type: 'remove', id: this.state.selected });
      case '+':
      case '=':
        return edit({ type: 'addRule', id: this.state.selected }, fields.length);
      case '-':
        return f?.rule !== undefined ? edit({ type: 'removeRule', id: this.state.selected, index: f.rule }, this.cursor) : [line('Move to a firewall rule first: minus removes the rule you are on.')];
      case 'u':
        return edit({ type: 'undo' });
      case 's':
        return [line(`The design: ${this.machinesWord()}.`), ...this.overview()];
      case 'c':
        return this.check();
      case 'd':
        return this.startPredict();
      case 'D':
        return this.describe();
      case '?':
        return [line(this.help())];
      default:
        return undefined;
    }
  }

  /** `c`: the requirements of the task, met or not, or why the design cannot run yet. */
  check(): BuildSaid {
    const r = runnable(this.state.design, this.opts.file);
    if (!r.scenario) return [line(`The design cannot run yet (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}):`), ...r.problems.map((p) => line(p, 'listitem'))];
    const reqs = checkDesign(r.scenario, this.opts.task);
    const met = reqs.filter((q) => q.met).length;
    return [
      line(`Task ${this.opts.task}: ${met} of ${reqs.length} requirements met.`),
      ...reqs.map((q) => line(`${q.met ? 'Met' : 'Not met'}: ${q.text}. ${q.reason}${q.met ? '' : ` (lesson ${q.lesson})`}`, 'listitem')),
    ];
  }

  /** `D`: the design as the diagram's text alternative. */
  describe(): BuildSaid {
    const r = runnable(this.state.design, this.opts.file);
    if (!r.scenario) return [line('The design cannot run yet, so it cannot be drawn: press c for its problems.')];
    return [line('Your design as a list, from the users to the database:'), ...describeDiagram(buildTopology(r.scenario)).map((t) => line(t, 'listitem'))];
  }

  private startPredict(): BuildSaid {
    const r = runnable(this.state.design, this.opts.file);
    if (!r.scenario) return [line('The drill needs a design that runs.'), ...this.check().slice(1)];
    const faults = listFaults(r.scenario);
    if (faults.length === 0) return [line('There is nothing to break yet: add a machine first.')];
    this.predict = { faults, answers: faults.map(() => undefined), at: 0, scenario: r.scenario };
    return [line(`The drill breaks ${faults.length} things one at a time. First, predict each: y if users will see errors, n if not, Enter to skip one, Escape to stop.`), this.askLine()];
  }

  private askLine(): BuildSaid[number] {
    const p = this.predict!;
    return line(`Fault ${p.at + 1} of ${p.faults.length}: ${faultName(p.faults[p.at]!)}. Will users see errors?`, 'option');
  }

  private predictKey(input: string, key: SrKey): BuildSaid {
    const p = this.predict!;
    if (key.escape) {
      this.predict = undefined;
      return [line('Drill stopped. Back to your design.')];
    }
    if (input === 'y' || input === 'n' || key.return) {
      p.answers[p.at] = input === 'y' ? 'errors' : input === 'n' ? 'no errors' : undefined;
      p.at++;
      if (p.at < p.faults.length) return [this.askLine()];
      return this.runDrill();
    }
    return [line('Press y if users will see errors, n if not, Enter to skip this fault, Escape to stop.')];
  }

  private runDrill(): BuildSaid {
    const p = this.predict!;
    this.predict = undefined;
    const drill = drillDesign(p.scenario, { faults: p.faults });
    this.drill = drill;
    const right = drill.faults.filter((r, i) => p.answers[i] !== undefined && (p.answers[i] === 'errors') === r.users_see_errors).length;
    const predicted = p.answers.filter(Boolean).length;
    const yearly = yearlyAvailability(p.scenario, drill);
    const nines = Number.isFinite(yearly.nines) ? yearly.nines.toFixed(1) : 'infinite';
    const out: BuildSaid = [
      line(`Drill done: ${drill.faults.length} faults. Your predictions: ${right} of ${predicted} right.`),
      line(`Single points of failure: ${drill.spofs.length ? drill.spofs.join(', ') : 'none found'}.`),
      line(`Yearly availability: ${(yearly.availability * 100).toFixed(3)} percent, ${nines} nines, about ${Math.round(yearly.minutes_per_year)} minutes down a year.`),
    ];
    drill.faults.forEach((r, i) => {
      const guess = p.answers[i] === undefined ? '' : (p.answers[i] === 'errors') === r.users_see_errors ? ' You predicted it.' : ` You said ${p.answers[i]}.`;
      const noticed = r.detected_by ? `noticed by ${r.detected_by} after ${r.detected_after_s} s${r.cause ? ` (${r.cause})` : ''}` : 'nothing noticed it';
      out.push(
        line(
          `${faultName(r)}: ${r.users_see_errors ? 'users see errors' : 'no errors'}${r.breaks_service ? ', a single point of failure' : ''}.${guess} ${r.failed} failed, ${r.slow} slow, ${r.writes_lost} writes lost, ${r.stale_reads} stale reads; ${noticed}.`,
          'listitem',
        ),
      );
    });
    if (drill.skipped.length) out.push(line(`Not drilled: ${drill.skipped.map((s) => `${faultName(s)}: ${s.why}`).join('; ')}.`));
    return out;
  }
}
