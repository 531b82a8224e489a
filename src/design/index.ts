/**
 * Build it, break it: a learner's design of a task's infrastructure, checked against
 * the task's literal requirements, drilled under every fault the simulator knows, and
 * explained to the mentor's questions. Pure TypeScript (no React, no Ink): the editor
 * (ui/design), the headless `webinfra-learn design check|drill` and the tests use it.
 *
 * The API, as agreed with the editor (names refined):
 * - {@link parseDesign} / {@link serializeDesign}: a design *is* a scenario (the YAML of
 *   `assets/scenarios/`); load → save → load gives the same scenario.
 * - {@link checkDesign}`(s, task)` → {@link Requirement}[]: met, a one-line reason, the lesson.
 * - {@link listFaults}`(s)` → the faults the drill runs; {@link unavailableFaults} → those the
 *   simulator cannot play yet (process crashes on shared machines), with why.
 * - {@link drillDesign}`(s, { seconds, seed, faults, onProgress })` → {@link DrillResult}
 *   (`faults`, `spofs`, `skipped`, `wall_ms`); {@link runFault} runs one fault (for the
 *   editor's per-fault prediction) on {@link drillScenario}`(s)`.
 * - {@link yearlyAvailability}`(s, drill, rates?)`: takes the drill's result (so it is
 *   not run twice); rates default to {@link DEFAULT_RATES}.
 * - {@link matchIdeas}`(questionId, answer)` → present / missing idea labels, the lesson,
 *   `caseToRun` ({@link resolveCase} turns it into a fault on the learner's design).
 * - {@link mentorQuestions}`()` replaces the `MENTOR_QUESTIONS` constant: the questions are
 *   content (lessons/mentor-questions.yaml), read once on first use.
 */
export type { Scenario } from '../sim/spec/types';
export { ScenarioError } from '../sim/spec/scenario';
export { parseDesign, serializeDesign } from './yaml';
export { checkDesign, TASKS, TASK_FILES, REQUIREMENT_LESSONS, type Requirement, type TaskNumber } from './requirements';
export {
  listFaults,
  unavailableFaults,
  componentsOf,
  targetId,
  FAULT_AT_S,
  type Component,
  type Fault,
  type FaultKind,
  type UnavailableFault,
} from './faults';
export {
  drillDesign,
  drillScenario,
  baselineOf,
  runFault,
  findSpofs,
  DRILL_SECONDS,
  FINAL_WINDOW_S,
  MIN_DRILL_SECONDS,
  type Baseline,
  type DrillOptions,
  type DrillResult,
  type FaultResult,
} from './drill';
export { yearlyAvailability, DEFAULT_RATES, type ComponentRates, type ComponentDowntime, type Rate, type YearlyAvailability } from './availability';
export {
  matchIdeas,
  mentorQuestions,
  parseMentorQuestions,
  resolveCase,
  MENTOR_QUESTIONS_FILE,
  type IdeaMatch,
  type MentorCase,
  type MentorIdea,
  type MentorQuestion,
} from './ideas';
