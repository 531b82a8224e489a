/**
 * The one keymap. Every key the app reacts to is declared here, per context;
 * the footer and the help overlay are generated from it, and views never compare
 * raw characters: they ask `matchCommand(contexts, input, key)`.
 */
import type { Key } from 'ink';

export type Context =
  | 'global'
  | 'map'
  | 'lesson'
  | 'quiz'
  | 'lab'
  /** A lesson's lab: fast-forward, hints, "show me" (listed before 'lab'). */
  | 'labStep'
  | 'confirm'
  /** A question not answered yet: the lesson keys that still work (→ skips it, ← goes back; Enter answers instead). */
  | 'question'
  /** A text field has the keys: letters are text, so only these (and no global keys) work. */
  | 'typing'
  /** A text question whose field was left with Esc: Enter goes back into it. */
  | 'field'
  /** A question answered wrong: it can be tried again. */
  | 'wrongAnswer'
  /** A multiple-choice question: what ↑↓ and Space mean there (footer and help wording). */
  | 'multipleChoice'
  /** An order question: what ↑↓, Space and Shift+↑↓ mean there (footer and help wording). */
  | 'ordering'
  /** A review checklist: ↑↓ move between items, Space marks one (listed before 'lesson'). */
  | 'checklist'
  /** A pick-node question still open: Tab / ↑↓ move over the machines, Enter answers. */
  | 'pickNode'
  /** A predict question's run playing: Enter skips to its end, → / ← leave it (listed before 'lab'). */
  | 'predictRun'
  /** A step that fits and is done with (an answered pick-node or predict question): the lesson's keys without scrolling. */
  | 'stepDone'
  /** The live view's whole event log (l): scroll it, close it (the run resumes). */
  | 'eventLog'
  /** The design editor: machines, their settings, undo, check and drill. */
  | 'design'
  /** The design editor inside a lesson (a build step): how to move on. */
  | 'designStep'
  /** The editor's check, drill table and mentor panels: scroll and go back. */
  | 'designPanel'
  /** Predicting, fault by fault, before the drill runs. */
  | 'designPredict'
  /** The drill's table: the yearly availability's rates are adjustable. */
  | 'designDrill'
  /** The mentor's questions: pick one and answer it. */
  | 'designExplain';

export type Command =
  // global
  | 'quit'
  | 'help'
  | 'glossary'
  /** The current diagram in words (its text alternative). */
  | 'describe'
  | 'map'
  | 'back'
  // movement (map, lesson viewport, lists)
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'select'
  | 'next'
  | 'prev'
  | 'continue'
  // quiz
  | 'toggle'
  | 'submit'
  | 'retry'
  /** After a wrong answer: show the right answer and the explanation (counts as missed). */
  | 'reveal'
  | 'moveItemUp'
  | 'moveItemDown'
  /** Digits 1–9: choose (single) or tick (multiple) that choice; the view reads the digit. */
  | 'choose'
  | 'review'
  // lab
  | 'pause'
  | 'step'
  | 'faster'
  | 'slower'
  | 'rateUp'
  | 'rateDown'
  | 'algorithm'
  | 'nextNode'
  | 'prevNode'
  | 'kill'
  | 'restore'
  | 'drain'
  | 'promote'
  /** `option redispatch` on / off on the load balancers (both of a pair). */
  | 'redispatch'
  /** One worker more / fewer for the selected server's tier. */
  | 'workersUp'
  | 'workersDown'
  | 'reset'
  | 'log'
  /** The failures panel: errors by node and cause. */
  | 'failures'
  /** The alert panel: each monitoring rule's state. */
  | 'alerts'
  | 'fastForward'
  | 'hints'
  | 'showMe'
  // design editor
  | 'valueNext'
  | 'valuePrev'
  | 'addServer'
  | 'addLb'
  | 'removeMachine'
  | 'addRule'
  | 'removeRule'
  | 'undo'
  | 'check'
  | 'drill'
  | 'explain'
  | 'repairUp'
  | 'repairDown'
  // confirm dialogs
  | 'yes'
  | 'no';

export type KeySpec =
  | { char: string } // a printable character, exact
  | { special: SpecialKey; shift?: boolean; ctrl?: boolean }
  | { ctrlChar: string }; // ctrl+<letter>

export type SpecialKey =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'space'
  | 'backspace';

export interface Binding {
  command: Command;
  context: Context;
  keys: KeySpec[];
  /** Label for the footer/help, e.g. "↑↓". */
  label: string;
  /** What it does, e.g. "scroll". */
  description: string;
  /** Shown in the footer (otherwise only in the help overlay). */
  footer?: boolean;
}

const c = (char: string): KeySpec => ({ char });
const s = (special: SpecialKey, mods: { shift?: boolean; ctrl?: boolean } = {}): KeySpec => ({ special, ...mods });

export const BINDINGS: Binding[] = [
  // global
  { command: 'glossary', context: 'global', keys: [c('w')], label: 'w', description: 'glossary (words of the course)' },
  { command: 'describe', context: 'global', keys: [c('D')], label: 'D', description: 'the diagram in words (users to database)' },
  { command: 'help', context: 'global', keys: [c('?')], label: '?', description: 'help', footer: true },
  { command: 'quit', context: 'global', keys: [c('q'), { ctrlChar: 'c' }], label: 'q', description: 'quit', footer: true },
  { command: 'map', context: 'global', keys: [c('m')], label: 'm', description: 'course map' },
  { command: 'back', context: 'global', keys: [s('escape')], label: 'Esc', description: 'back / close' },

  // course map
  { command: 'up', context: 'map', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'move', footer: true },
  { command: 'down', context: 'map', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'move' },
  { command: 'pageUp', context: 'map', keys: [s('pageUp')], label: 'PgUp/PgDn', description: 'page' },
  { command: 'pageDown', context: 'map', keys: [s('pageDown')], label: 'PgUp/PgDn', description: 'page' },
  { command: 'home', context: 'map', keys: [s('home')], label: 'Home/End', description: 'first / last' },
  { command: 'end', context: 'map', keys: [s('end')], label: 'Home/End', description: 'first / last' },
  { command: 'select', context: 'map', keys: [s('return')], label: 'Enter', description: 'open lesson', footer: true },
  { command: 'continue', context: 'map', keys: [c('c')], label: 'c', description: 'continue where you left off', footer: true },
  { command: 'review', context: 'map', keys: [c('r')], label: 'r', description: 'review what I missed' },

  // lesson reader
  { command: 'up', context: 'lesson', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'scroll', footer: true },
  { command: 'down', context: 'lesson', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'scroll' },
  { command: 'pageUp', context: 'lesson', keys: [s('pageUp'), c('b')], label: 'PgUp/PgDn', description: 'page' },
  { command: 'pageDown', context: 'lesson', keys: [s('pageDown'), s('space')], label: 'PgUp/PgDn Space', description: 'page' },
  { command: 'home', context: 'lesson', keys: [s('home'), c('g')], label: 'Home/End', description: 'top / bottom' },
  { command: 'end', context: 'lesson', keys: [s('end'), c('G')], label: 'Home/End', description: 'top / bottom' },
  { command: 'next', context: 'lesson', keys: [s('rightArrow'), c('n'), s('return')], label: '→/Enter', description: 'next', footer: true },
  { command: 'prev', context: 'lesson', keys: [s('leftArrow'), c('p')], label: '←', description: 'back', footer: true },
  { command: 'map', context: 'lesson', keys: [c('m')], label: 'm', description: 'map', footer: true },

  // quiz
  { command: 'up', context: 'quiz', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'choose', footer: true },
  { command: 'down', context: 'quiz', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'choose' },
  { command: 'toggle', context: 'quiz', keys: [s('space')], label: 'Space', description: 'tick / pick up' },
  { command: 'submit', context: 'quiz', keys: [s('return')], label: 'Enter', description: 'answer', footer: true },
  { command: 'retry', context: 'quiz', keys: [c('r')], label: 'r', description: 'try again' },
  { command: 'moveItemUp', context: 'quiz', keys: [s('upArrow', { shift: true }), c('K')], label: 'Shift+↑↓', description: 'move item' },
  { command: 'moveItemDown', context: 'quiz', keys: [s('downArrow', { shift: true }), c('J')], label: 'Shift+↑↓', description: 'move item' },
  { command: 'choose', context: 'quiz', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(c), label: '1–9', description: 'choose by number' },

  // a question still open: Enter belongs to the question, → skips it
  { command: 'next', context: 'question', keys: [s('rightArrow'), c('n')], label: '→', description: 'skip', footer: true },
  { command: 'prev', context: 'question', keys: [s('leftArrow'), c('p')], label: '←', description: 'back', footer: true },

  // typing in a text field (the view reads the text itself; these are the keys that are not text)
  { command: 'submit', context: 'typing', keys: [s('return')], label: 'Enter', description: 'answer', footer: true },
  { command: 'back', context: 'typing', keys: [s('escape')], label: 'Esc', description: 'leave the field', footer: true },
  { command: 'quit', context: 'typing', keys: [{ ctrlChar: 'c' }], label: 'Ctrl+C', description: 'quit', footer: true },

  // a text question with the field left
  { command: 'submit', context: 'field', keys: [s('return')], label: 'Enter', description: 'type the answer', footer: true },

  // after a wrong answer
  { command: 'retry', context: 'wrongAnswer', keys: [c('r')], label: 'r', description: 'try again', footer: true },
  { command: 'reveal', context: 'wrongAnswer', keys: [c('s')], label: 's', description: 'show answer', footer: true },

  // the quiz keys as a multiple-choice or order question words them (listed before 'quiz')
  { command: 'up', context: 'multipleChoice', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'move', footer: true },
  { command: 'toggle', context: 'multipleChoice', keys: [s('space')], label: 'Space', description: 'tick', footer: true },
  { command: 'up', context: 'ordering', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'move', footer: true },
  { command: 'toggle', context: 'ordering', keys: [s('space')], label: 'Space', description: 'pick up', footer: true },
  { command: 'moveItemUp', context: 'ordering', keys: [s('upArrow', { shift: true }), c('K')], label: 'Shift+↑↓', description: 'move item' },

  // review checklist
  { command: 'up', context: 'checklist', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'move', footer: true },
  { command: 'toggle', context: 'checklist', keys: [s('space')], label: 'Space', description: 'mark', footer: true },

  // a pick-node question still open (Tab and ↑↓ both move; Shift+Tab and ↑ go back)
  { command: 'nextNode', context: 'pickNode', keys: [s('tab'), s('downArrow'), c('j')], label: 'Tab/↑↓', description: 'move', footer: true },
  { command: 'prevNode', context: 'pickNode', keys: [s('upArrow'), c('k')], label: 'Tab/↑↓', description: 'move' },
  { command: 'prevNode', context: 'pickNode', keys: [s('tab', { shift: true })], label: 'Shift+Tab', description: 'move back' },
  { command: 'submit', context: 'pickNode', keys: [s('return')], label: 'Enter', description: 'answer', footer: true },

  // a predict question's run playing: the prediction is recorded, Enter skips to the outcome
  { command: 'submit', context: 'predictRun', keys: [s('return')], label: 'Enter', description: 'skip to the end', footer: true },
  { command: 'next', context: 'predictRun', keys: [s('rightArrow'), c('n')], label: '→', description: 'next', footer: true },
  { command: 'prev', context: 'predictRun', keys: [s('leftArrow'), c('p')], label: '←', description: 'back', footer: true },

  // the lesson's keys on a step with nothing to scroll
  { command: 'next', context: 'stepDone', keys: [s('rightArrow'), c('n'), s('return')], label: '→/Enter', description: 'next', footer: true },
  { command: 'prev', context: 'stepDone', keys: [s('leftArrow'), c('p')], label: '←', description: 'back', footer: true },
  { command: 'map', context: 'stepDone', keys: [c('m')], label: 'm', description: 'map', footer: true },

  // live lab
  { command: 'nextNode', context: 'lab', keys: [s('tab')], label: 'Tab', description: 'node', footer: true },
  { command: 'pause', context: 'lab', keys: [s('space')], label: 'Space', description: 'pause', footer: true },
  { command: 'step', context: 'lab', keys: [c('.')], label: '.', description: 'step 100 ms' },
  { command: 'faster', context: 'lab', keys: [c('+'), c('=')], label: '+/-', description: 'speed' },
  { command: 'slower', context: 'lab', keys: [c('-'), c('_')], label: '+/-', description: 'speed' },
  { command: 'rateUp', context: 'lab', keys: [c(']')], label: '[ ]', description: 'request rate' },
  { command: 'rateDown', context: 'lab', keys: [c('[')], label: '[ ]', description: 'request rate' },
  { command: 'algorithm', context: 'lab', keys: [c('a')], label: 'a', description: 'LB algorithm' },
  { command: 'prevNode', context: 'lab', keys: [s('tab', { shift: true })], label: 'Shift+Tab', description: 'select node' },
  { command: 'kill', context: 'lab', keys: [c('x')], label: 'x', description: 'kill node' },
  { command: 'restore', context: 'lab', keys: [c('u')], label: 'u', description: 'restore node' },
  { command: 'drain', context: 'lab', keys: [c('d')], label: 'd', description: 'drain node' },
  { command: 'promote', context: 'lab', keys: [c('P')], label: 'P', description: 'promote replica' },
  { command: 'redispatch', context: 'lab', keys: [c('r')], label: 'r', description: 'LB redispatch on/off' },
  { command: 'workersDown', context: 'lab', keys: [c('{')], label: '{ }', description: "workers of the node's tier" },
  { command: 'workersUp', context: 'lab', keys: [c('}')], label: '{ }', description: "workers of the node's tier" },
  { command: 'reset', context: 'lab', keys: [c('R')], label: 'R', description: 'reset run' },
  { command: 'log', context: 'lab', keys: [c('l')], label: 'l', description: 'log', footer: true },
  { command: 'failures', context: 'lab', keys: [c('e')], label: 'e', description: 'errors by node and cause' },
  { command: 'alerts', context: 'lab', keys: [c('A')], label: 'A', description: 'alerts' },
  // the live view's whole event log (l opens it and pauses the run)
  { command: 'up', context: 'eventLog', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'scroll the log', footer: true },
  { command: 'down', context: 'eventLog', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'scroll the log' },
  { command: 'pageUp', context: 'eventLog', keys: [s('pageUp'), c('b')], label: 'PgUp/PgDn', description: 'a page of the log' },
  { command: 'pageDown', context: 'eventLog', keys: [s('pageDown'), s('space')], label: 'PgUp/PgDn', description: 'a page of the log' },
  { command: 'home', context: 'eventLog', keys: [s('home'), c('g')], label: 'Home/End', description: 'oldest / newest events' },
  { command: 'end', context: 'eventLog', keys: [s('end'), c('G')], label: 'Home/End', description: 'oldest / newest events' },
  { command: 'log', context: 'eventLog', keys: [c('l'), s('escape')], label: 'l/Esc', description: 'close the log (the run resumes)', footer: true },
  // a lesson's lab (not a predict question's run, not the instructor view)
  { command: 'fastForward', context: 'labStep', keys: [c('f')], label: 'f', description: 'skip', footer: true },
  { command: 'hints', context: 'labStep', keys: [c('h')], label: 'h', description: 'hints', footer: true },
  { command: 'showMe', context: 'labStep', keys: [c('s')], label: 's', description: 'show me (play the recipe)' },

  // design editor (build): Tab picks a machine, ↑↓ a setting, ←→ change it
  { command: 'nextNode', context: 'design', keys: [s('tab')], label: 'Tab', description: 'machine', footer: true },
  { command: 'prevNode', context: 'design', keys: [s('tab', { shift: true })], label: 'Shift+Tab', description: 'previous machine' },
  { command: 'up', context: 'design', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'setting', footer: true },
  { command: 'down', context: 'design', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'setting' },
  { command: 'valueNext', context: 'design', keys: [s('rightArrow'), s('return')], label: '←→', description: 'change', footer: true },
  { command: 'valuePrev', context: 'design', keys: [s('leftArrow')], label: '←→', description: 'change' },
  { command: 'toggle', context: 'design', keys: [s('space')], label: 'Space', description: 'change (on a rule: who it allows)' },
  { command: 'addServer', context: 'design', keys: [c('a')], label: 'a', description: 'add server' },
  { command: 'addLb', context: 'design', keys: [c('b')], label: 'b', description: 'add load balancer' },
  { command: 'removeMachine', context: 'design', keys: [c('x')], label: 'x', description: 'remove machine' },
  { command: 'addRule', context: 'design', keys: [c('+'), c('=')], label: '+', description: 'add firewall rule' },
  { command: 'removeRule', context: 'design', keys: [c('-')], label: '-', description: 'remove firewall rule' },
  { command: 'undo', context: 'design', keys: [c('u'), { ctrlChar: 'z' }], label: 'u', description: 'undo' },
  { command: 'check', context: 'design', keys: [c('c')], label: 'c', description: 'check', footer: true },
  { command: 'drill', context: 'design', keys: [c('d')], label: 'd', description: 'drill', footer: true },
  { command: 'explain', context: 'design', keys: [c('e')], label: 'e', description: "mentor's questions" },

  // the editor inside a lesson: → and Enter change values there, so n / p move on
  { command: 'next', context: 'designStep', keys: [c('n')], label: 'n', description: 'next step', footer: true },
  { command: 'prev', context: 'designStep', keys: [c('p')], label: 'p', description: 'back' },

  // the editor's panels
  { command: 'up', context: 'designPanel', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'scroll', footer: true },
  { command: 'down', context: 'designPanel', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'scroll' },
  { command: 'pageUp', context: 'designPanel', keys: [s('pageUp')], label: 'PgUp/PgDn', description: 'page' },
  { command: 'pageDown', context: 'designPanel', keys: [s('pageDown'), s('space')], label: 'PgUp/PgDn', description: 'page' },
  { command: 'drill', context: 'designPanel', keys: [c('d')], label: 'd', description: 'break it', footer: true },
  { command: 'explain', context: 'designPanel', keys: [c('e')], label: 'e', description: "mentor's questions", footer: true },
  { command: 'back', context: 'designPanel', keys: [s('escape')], label: 'Esc', description: 'back to the design', footer: true },

  { command: 'up', context: 'designPredict', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'fault', footer: true },
  { command: 'down', context: 'designPredict', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'fault' },
  { command: 'valueNext', context: 'designPredict', keys: [s('rightArrow'), s('space')], label: '←→', description: 'predict' },
  { command: 'valuePrev', context: 'designPredict', keys: [s('leftArrow')], label: '←→', description: 'predict' },
  { command: 'yes', context: 'designPredict', keys: [c('y')], label: 'y/n', description: 'errors / none', footer: true },
  { command: 'no', context: 'designPredict', keys: [c('n')], label: 'y/n', description: 'errors / none' },
  { command: 'submit', context: 'designPredict', keys: [s('return')], label: 'Enter', description: 'run the drill', footer: true },
  { command: 'back', context: 'designPredict', keys: [s('escape')], label: 'Esc', description: 'back to the design', footer: true },

  { command: 'nextNode', context: 'designDrill', keys: [s('tab')], label: 'Tab', description: 'part', footer: true },
  { command: 'valueNext', context: 'designDrill', keys: [s('rightArrow')], label: '←→', description: 'failures/year', footer: true },
  { command: 'valuePrev', context: 'designDrill', keys: [s('leftArrow')], label: '←→', description: 'failures/year' },
  { command: 'repairUp', context: 'designDrill', keys: [c(']')], label: '[ ]', description: 'repair hours', footer: true },
  { command: 'repairDown', context: 'designDrill', keys: [c('[')], label: '[ ]', description: 'repair hours' },

  { command: 'up', context: 'designExplain', keys: [s('upArrow'), c('k')], label: '↑↓', description: 'question', footer: true },
  { command: 'down', context: 'designExplain', keys: [s('downArrow'), c('j')], label: '↑↓', description: 'question' },
  { command: 'submit', context: 'designExplain', keys: [s('return')], label: 'Enter', description: 'answer it', footer: true },
  { command: 'back', context: 'designExplain', keys: [s('escape')], label: 'Esc', description: 'back to the design', footer: true },

  // confirm
  { command: 'yes', context: 'confirm', keys: [c('y')], label: 'y', description: 'yes', footer: true },
  { command: 'no', context: 'confirm', keys: [c('n'), s('escape')], label: 'n', description: 'no', footer: true },
];

function specMatches(spec: KeySpec, input: string, key: Key): boolean {
  if ('char' in spec) {
    if (key.ctrl || key.meta) return false;
    return input === spec.char;
  }
  if ('ctrlChar' in spec) return key.ctrl === true && input === spec.ctrlChar;
  // Shift+↑ and Shift+Tab are distinct commands, so a plain spec never matches with shift.
  const shiftOk = spec.shift ? key.shift === true : !key.shift;
  const ctrlOk = spec.ctrl ? key.ctrl === true : !key.ctrl;
  if (!shiftOk || !ctrlOk) return false;
  if (spec.special === 'space') return input === ' ' && !key.ctrl && !key.meta;
  return (key as unknown as Record<string, boolean>)[spec.special] === true;
}

/**
 * The command a key means in the given contexts (searched in order; put the most
 * specific context first), or undefined.
 */
export function matchCommand(contexts: readonly Context[], input: string, key: Key): Command | undefined {
  for (const context of contexts) {
    for (const binding of BINDINGS) {
      if (binding.context !== context) continue;
      if (binding.keys.some((spec) => specMatches(spec, input, key))) return binding.command;
    }
  }
  return undefined;
}

/**
 * Contexts in which the global keys do not work (printable keys are text there),
 * so the footer must not offer them.
 */
export const EXCLUSIVE_CONTEXTS: ReadonlySet<Context> = new Set<Context>(['typing']);

/** Whether the global keys (? help, q quit, m map) work in these contexts. */
export function globalKeysApply(contexts: readonly Context[]): boolean {
  return !contexts.some((c) => EXCLUSIVE_CONTEXTS.has(c));
}

/** Footer entries for the given contexts: unique labels, in declaration order. */
export function footerItems(contexts: readonly Context[]): { label: string; description: string; command: Command }[] {
  const seen = new Set<string>();
  const items: { label: string; description: string; command: Command }[] = [];
  for (const context of contexts) {
    for (const b of BINDINGS) {
      if (b.context !== context || !b.footer) continue;
      if (seen.has(b.label)) continue;
      seen.add(b.label);
      items.push({ label: b.label, description: b.description, command: b.command });
    }
  }
  return items;
}

/** Help overlay sections: one per context, each binding once per label. */
export function helpSections(contexts: readonly Context[]): { context: Context; items: { label: string; description: string }[] }[] {
  return contexts.map((context) => {
    const seen = new Set<string>();
    const items: { label: string; description: string }[] = [];
    for (const b of BINDINGS) {
      if (b.context !== context || seen.has(b.label)) continue;
      seen.add(b.label);
      items.push({ label: b.label, description: b.description });
    }
    return { context, items };
  });
}

/**
 * The global keys of a full-screen view without a course (the live view, the design
 * editor): q quits, ? opens or closes the help, Esc closes it. Returns true when the
 * key was one of them.
 */
export function quitOrHelpKey(input: string, key: Key, help: boolean, on: { quit(): void; toggleHelp(): void }): boolean {
  const command = matchCommand(['global'], input, key);
  if (command === 'quit') {
    on.quit();
    return true;
  }
  if (command === 'help' || (help && command === 'back')) {
    on.toggleHelp();
    return true;
  }
  return false;
}
