/**
 * Instructor mode: `webinfra-learn sim <scenario>` in a terminal opens the live
 * view full-screen (alternate screen, so quitting gives the shell back as it was).
 * `--at` events and the scenario's timeline play at their virtual times, so a
 * rehearsed demo repeats exactly with the same seed; `--speed` sets the start
 * speed; `--theme projector` switches to high contrast and larger node labels.
 * The headless report stays with the CLI for `--json` and non-terminals.
 */
import React, { memo, useEffect, useRef, useState } from 'react';
import { Box, Text, render, useApp } from 'ink';
import type { LiveSimOptions } from './sim-live-options';
import { InputProvider, useKeys, LAYER } from './input';
import { helpSections, footerItems, quitOrHelpKey } from './keymap';
import { makeTheme, type Theme } from './theme';
import { useTerminalSize, type TerminalSize } from './use-terminal-size';
import { Canvas } from './lab/canvas';
import { instructorLines } from './lab/instructor-lines';
import type { StyledLine } from '../diagram';
import { useLab } from './lab/use-lab';
import { useLabKeys } from './lab/use-lab-keys';
import { fmtPercent, fmtTime } from './lab/live-lines';
import { paintLines } from './lab/paint';
import { DirectCanvas, inkStdout } from './lab/direct-canvas';
import type { Engine, Report, Snapshot } from '../sim/types';
import { presenterCues, usePresenter } from './lab/use-presenter';
import { captionLines } from './lab/caption-lines';
import { useLogOverlay } from './lab/use-log-overlay';
import { PlaylistScreen, type DemoStep } from './demo-live';

/** Smallest terminal the live view draws in. */
export const LIVE_MIN_COLUMNS = 60;
export const LIVE_MIN_ROWS = 16;

/** The too-small line (the end-to-end tests look for it). */
export function liveTooSmallMessage(columns: number, rows: number): string {
  return `terminal too small (need ${LIVE_MIN_COLUMNS}×${LIVE_MIN_ROWS}, have ${columns}×${rows})`;
}

/** The keys line: every lab key when there is room, the footer ones otherwise. */
export function keysLine(width: number, ascii: boolean): string {
  const sep = ascii ? ' | ' : ' · ';
  const all = [...helpSections(['lab'])[0]!.items, ...footerItems(['global'])];
  const text = (items: { label: string; description: string }[]) => items.map((i) => `${i.label} ${i.description}`).join(sep);
  const full = text(all);
  if (full.length <= width) return full;
  // Short: the footer keys with the node actions an instructor reaches for first.
  const lab = helpSections(['lab'])[0]!.items;
  const pick = (label: string) => lab.filter((i) => i.label === label);
  // The global keys (? help, q quit) always stay: lab keys go from the end until the line fits.
  const lab2 = [...pick('Tab'), ...pick('x'), ...pick('u'), ...footerItems(['lab']).filter((i) => i.label !== 'Tab')];
  const global = footerItems(['global']);
  while (lab2.length > 0 && text([...lab2, ...global]).length > width) lab2.pop();
  const short = text([...lab2, ...global]);
  return short.length <= width ? short : short.slice(0, Math.max(0, width - 1)) + (ascii ? '~' : '…');
}

export interface LiveSimAppProps {
  options: LiveSimOptions;
  /** Fixed size (tests); by default the terminal's, following resizes. */
  size?: TerminalSize;
  /** Called with the report of the run so far when the user quits. */
  /** `shown`: the options of the run on screen (a playlist's current step). */
  onQuit?(report: Report, shown: LiveSimOptions): void;
  /** Animate without a raw-mode terminal (ink-testing-library). */
  animateWithoutTerminal?: boolean;
  /**
   * Draw the live view straight to the terminal (see direct-canvas.ts) instead of
   * through Ink; `repaint` is set to a function that redraws it whole after Ink
   * has written. Only for a full screen owned from its top-left corner.
   */
  direct?: { canvas: DirectCanvas; repaint: { current?: () => void } };
  /** A playlist (`webinfra-learn demo`): its steps replace `options`; n / p move between them. */
  steps?: readonly DemoStep[];
  /** "step 2/5", shown before the title. */
  stepLabel?: string;
}

/** The presenter's keys (use-presenter.ts, demo-live.tsx), listed on the help screen. */
const PRESENTER_KEYS = [
  { label: '< / >', description: 'just before the previous event / the next event (paused)' },
  { label: 'n / p', description: 'next / previous step of the playlist' },
];

/**
 * The help screen's rows: one key a row when they fit, else two columns, each
 * description cut to its column; a last row says how many keys still did not fit.
 */
export function helpRows(items: readonly { label: string; description: string }[], width: number, rows: number): string[] {
  type Item = { label: string; description: string };
  const cut = (text: string, w: number): string => (text.length <= w ? text.padEnd(w) : `${text.slice(0, Math.max(0, w - 1))}…`);
  if (items.length <= rows) return items.map((i) => cut(`  ${i.label.padEnd(12)} ${i.description}`, width).trimEnd());
  const perColumn = items.length <= rows * 2 ? Math.ceil(items.length / 2) : rows - 1;
  // Each column as narrow as its own keys allow; the right one gets the rest.
  const column = (list: readonly Item[]): string[] => {
    const pad = Math.max(0, ...list.map((i) => i.label.length));
    return list.map((i) => ` ${i.label.padEnd(pad)} ${i.description} `);
  };
  const left = column(items.slice(0, perColumn));
  const right = column(items.slice(perColumn, perColumn * 2));
  const leftWidth = Math.min(Math.max(0, ...left.map((t) => t.length)), width - Math.min(width >> 1, Math.max(0, ...right.map((t) => t.length))));
  const out = left.map((l, r) => `${cut(l, leftWidth)}${right[r] !== undefined ? cut(right[r]!, width - leftWidth) : ''}`.trimEnd());
  const shown = perColumn * 2;
  if (shown < items.length) out.push(`  … ${items.length - shown} more: make the terminal taller`);
  return out;
}

/** The keys line, drawn once per size (it does not change with the frames). */
const KeysLine = memo(function KeysLine({ columns, theme, logOpen }: { columns: number; theme: Theme; logOpen?: boolean }): React.ReactElement {
  const muted = theme.color ? theme.colors.muted : undefined;
  // The log draws its own keys line; the global keys still work under it.
  const logKeys = (): string => footerItems(['global']).map((i) => `${i.label} ${i.description}`).join(theme.ascii ? ' | ' : ' · ');
  return (
    <Text wrap="truncate" color={muted} dimColor={!theme.color}>
      {logOpen ? logKeys() : keysLine(columns, theme.ascii)}
    </Text>
  );
});

function LiveSimScreen(props: LiveSimAppProps & { theme: Theme }): React.ReactElement {
  const { options, size, onQuit, animateWithoutTerminal, theme, direct } = props;
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize(size);
  const [help, setHelp] = useState(false);
  const tooSmall = columns < LIVE_MIN_COLUMNS || rows < LIVE_MIN_ROWS;
  const frame = useRef<() => void>(() => undefined);
  const runTo = useRef<(engine: Engine, targetMs: number, maxEvents: number) => void>(undefined);
  const lab = useLab({ scenario: options.scenario, engineOptions: options.engineOptions, visible: !help && !tooSmall, speed: options.speed, animateWithoutTerminal, onFrame: direct ? () => frame.current() : undefined, runTo: (e, t, m) => runTo.current?.(e, t, m) });
  const presenter = usePresenter({ cues: presenterCues(options), pauseOn: options.pauseOn ?? [], endMs: (options.engineOptions.duration_s ?? options.scenario.duration_s) * 1000 }, { engine: lab.sim.engine, commands: lab.commands, dispatch: lab.dispatch, reset: lab.commands.reset, refresh: () => lab.sim.advance(0) });
  runTo.current = presenter.runTo;
  const log = useLogOverlay({ events: () => lab.sim.engine.events(), paused: lab.state.paused, setPaused: (paused) => lab.dispatch({ type: 'setPaused', paused }), active: !help && !tooSmall, ascii: theme.ascii });
  const title = `${options.scenario.name}${theme.ascii ? ', ' : ' · '}seed ${options.engineOptions.seed ?? options.scenario.seed}`;
  const timeline = [...options.scenario.timeline, ...(options.engineOptions.at ?? [])];
  /** The view's lines for a snapshot: banner for the big moments, live view, what is scheduled next. */
  const compose = (snapshot: Snapshot, height: number): StyledLine[] => {
    if (log.open) return log.lines(columns, height);
    const top = captionLines({ caption: presenter.caption, pausedBy: presenter.pausedBy, paused: lab.state.paused, width: columns, ascii: theme.ascii, maxLines: height >= 26 ? 2 : 1, step: props.stepLabel });
    return [...top, ...instructorLines({ topology: lab.topology, snapshot, events: snapshot.events, state: lab.state, timeline, width: columns, height: height - top.length, ascii: theme.ascii, labelsLarge: options.projector, title, requests: !options.reducedMotion })];
  };
  // Direct drawing: each tick paints from the engine and the latest viewer state;
  // a render (key press, resize) paints too, and Ink's own writes repaint whole.
  frame.current = () => {
    if (!direct) return;
    direct.canvas.draw(paintLines(compose(lab.sim.engine.snapshot({ maxInflight: 40 }), rows - 2), theme));
  };
  // Set while rendering, not in an effect: Ink writes (and calls repaint) during
  // the commit, before effects run, and must not find the canvas still enabled
  // over the help screen.
  direct?.canvas.setEnabled(!help && !tooSmall);
  useEffect(() => {
    if (!direct) return;
    direct.repaint.current = () => {
      direct.canvas.invalidate();
      frame.current();
    };
    frame.current();
  });
  useLabKeys(presenter.commands, !help && !tooSmall, ['lab'], LAYER.screen);
  useKeys(
    (input) => {
      if (!/^[<>]+$/.test(input)) return false;
      for (const k of input) presenter.jump(k === '<' ? -1 : 1);
      return true;
    },
    !help && !tooSmall,
    LAYER.step,
  );
  useKeys(
    (input, key) =>
      quitOrHelpKey(input, key, help, {
        quit: () => {
          onQuit?.(lab.sim.engine.report(), options);
          exit();
        },
        toggleHelp: () => setHelp((h) => !h),
      }),
    true,
    LAYER.overlay,
  );

  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every update.
  const height = rows - 1;
  const muted = theme.color ? theme.colors.muted : undefined;
  if (tooSmall) {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate">{liveTooSmallMessage(columns, rows)}</Text>
        <Text wrap="truncate" color={muted} dimColor={!theme.color}>
          The live view needs more room: enlarge the window · q quits
        </Text>
      </Box>
    );
  }
  if (help) {
    // The global keys the live view handles (it has no course: no map, glossary or words view).
    const global = helpSections(['global'])[0]!.items.filter((i) => ['?', 'q', 'Esc'].includes(i.label));
    const items = [...helpSections([log.open ? 'eventLog' : 'lab'])[0]!.items, ...global, ...PRESENTER_KEYS.filter((k) => props.steps || k.label !== 'n / p')];
    return (
      <Box flexDirection="column" height={height}>
        <Text bold>Keys of the live view</Text>
        {helpRows(items, columns, height - 3).map((row, n) => (
          <Text key={n} wrap="truncate">
            {row}
          </Text>
        ))}
        <Text color={muted} dimColor={!theme.color}>
          ? or Esc closes · the simulation is paused meanwhile
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Box flexGrow={1} flexDirection="column">
        {direct ? (
          <Box height={height - 1} />
        ) : (
          <Canvas lines={paintLines(compose(lab.sim.snapshot, height - 1), theme)} width={columns} />
        )}
      </Box>
      <KeysLine columns={columns} theme={theme} logOpen={log.open} />
    </Box>
  );
}

/** The whole instructor-mode app (exported for tests). */
export function LiveSimApp(props: LiveSimAppProps): React.ReactElement {
  const { options } = props;
  const theme = makeTheme({ color: options.color, ascii: options.ascii, projector: options.projector, reducedMotion: options.reducedMotion });
  return (
    <InputProvider active={true}>
      {props.steps ? (
        <PlaylistScreen steps={props.steps} screen={(o, key, label) => <LiveSimScreen key={key} {...props} options={o} stepLabel={`${label} (n/p)`} theme={theme} />} />
      ) : (
        <LiveSimScreen {...props} theme={theme} />
      )}
    </InputProvider>
  );
}

/** What the shell shows after quitting: the run in one line, and how to repeat it. */
export function quitSummary(report: Report, options: LiveSimOptions): string {
  const seed = options.engineOptions.seed ?? options.scenario.seed;
  return (
    `${options.scenario.name}: ${report.requests.total.toLocaleString('en-US')} requests, ${report.requests.failed.toLocaleString('en-US')} failed, ` +
    `availability ${report.requests.ok + report.requests.failed === 0 ? '– (no request completed)' : fmtPercent(report.availability, 2)} over ${fmtTime(report.duration_s * 1000)} of simulated time.\n` +
    `Same scenario, seed ${seed} and --at events replay the same run.\n`
  );
}

/**
 * Run the live view full-screen until the user quits (q). Resolves with the exit
 * code. The terminal is restored (alternate screen left, cursor shown) even if
 * rendering throws.
 */
export async function runLiveSim(options: LiveSimOptions, steps?: readonly DemoStep[]): Promise<number> {
  const out = process.stdout;
  const alt = out.isTTY === true;
  if (alt) out.write('\x1b[?1049h\x1b[H');
  let report: Report | undefined;
  let quitOptions = options;
  // On a terminal the frames bypass Ink's per-cell composition (direct-canvas.ts).
  const direct = alt ? { canvas: new DirectCanvas({ write: (t) => void out.write(t) }), repaint: {} as { current?: () => void } } : undefined;
  let instance: ReturnType<typeof render> | undefined;
  const restore = (): void => {
    direct?.canvas.setEnabled(false);
    if (alt) out.write('\x1b[?1049l\x1b[?25h');
  };
  // Closing the window (SIGHUP) or `kill` (SIGTERM) must not leave the shell in the
  // alternate screen with no cursor: put the terminal back, then end as killed.
  const onSignal = (signal: NodeJS.Signals): void => {
    try {
      instance?.unmount();
      restore();
      if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
    } catch {
      // the terminal may be gone already (SIGHUP)
    }
    process.exit(128 + (signal === 'SIGHUP' ? 1 : 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    const stdout = direct ? inkStdout(out, () => direct.repaint.current?.()) : out;
    instance = render(<LiveSimApp options={options} steps={steps} onQuit={(r, shown) => ((report = r), (quitOptions = shown))} direct={direct} />, { stdout, exitOnCtrlC: false, patchConsole: false, maxFps: 30 });
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    restore();
  }
  if (report) out.write(quitSummary(report, quitOptions));
  return 0;
}
