/**
 * `webinfra-learn demo PLAYLIST.yaml`: plays a playlist of live demos full-screen
 * (src/sim/playlist.ts for the file, src/ui/demo-live.tsx for n / p). `--check`
 * only reads and checks the playlist and lists its steps (also what happens when
 * the output is not a terminal). Exit 2 with `file:line` problems for a bad file.
 */
import { safeText, safeValue } from '../course/safe-text';
import { regularFileProblem } from '../read-text-file';
import { parseSubcommandArgs } from './args';
import { scenariosDir } from '../package-root';
import { loadPlaylist, type Playlist } from '../sim/playlist';
import { ScenarioError } from '../sim/scenario';
import type { SimIo } from './sim-command';
import type { DemoStep } from '../ui/demo-live';

const USAGE = `Usage: webinfra-learn demo PLAYLIST.yaml [--check] [--theme projector] [--ascii] [--no-color]

Plays each step of the playlist in the live view: n next step, p previous step,
Space pause, < > previous / next event, q quit. --check lists the steps and exits.
`;

export async function runDemoCommand(argv: string[], io: SimIo): Promise<number> {
  const env = io.env ?? process.env;
  const parsed = parseSubcommandArgs('demo', argv, { check: { type: 'boolean' }, theme: { type: 'string' }, ascii: { type: 'boolean' }, 'no-color': { type: 'boolean' } }, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.stderr.write(`webinfra-learn demo: ${positionals.length === 0 ? 'which playlist?' : `one playlist at a time, got ${positionals.join(', ')}`}\n\n${USAGE}`);
    return 2;
  }
  const theme = (values.theme as string | undefined) ?? 'default';
  if (theme !== 'default' && theme !== 'projector') {
    io.stderr.write(`webinfra-learn demo: --theme must be default or projector, got '${theme}'\n`);
    return 2;
  }
  let playlist: Playlist;
  try {
    const problem = regularFileProblem(positionals[0]!);
    if (problem) throw new Error(`${positionals[0]}: ${problem}`);
    playlist = safeValue(loadPlaylist(positionals[0]!, io.scenariosDir ?? scenariosDir()));
  } catch (e) {
    const msg = e instanceof ScenarioError ? `invalid playlist:\n${safeText(e.message)}` : safeText((e as Error).message);
    io.stderr.write(`webinfra-learn demo: ${msg}\n`);
    return 2;
  }
  const color = !values['no-color'] && !env.NO_COLOR && io.stdout.isTTY === true;
  const interactive = !values.check && io.stdout.isTTY === true && io.stdin?.isTTY === true;
  if (!interactive) {
    io.stdout.write(`${playlist.title}: ${playlist.steps.length} steps\n`);
    playlist.steps.forEach((s, i) => {
      const events = (s.engineOptions.at?.length ?? 0) + s.cues.length;
      io.stdout.write(`  ${i + 1}. ${s.caption} (${s.scenario.id}, ${events} events, ${s.speed}×${s.pauseOn.length ? `, pauses on ${s.pauseOn.join(', ')}` : ''})\n`);
    });
    if (!values.check) io.stdout.write('The demo plays in a terminal.\n');
    return 0;
  }
  const steps: DemoStep[] = playlist.steps.map((s) => ({
    caption: s.caption,
    options: { scenario: s.scenario, engineOptions: s.engineOptions, speed: s.speed, color, ascii: values.ascii === true, projector: theme === 'projector', cues: s.cues, pauseOn: s.pauseOn },
  }));
  const { runLiveSim } = await import('../ui/sim-live');
  return runLiveSim(steps[0]!.options, steps);
}
