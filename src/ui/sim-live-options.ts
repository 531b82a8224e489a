/** What `webinfra-learn sim` hands the full-screen live view (src/ui/sim-live.tsx `runLiveSim`). */
import type { EngineOptions, Scenario } from '../sim/types';
import type { Cue } from '../sim/spec/cues';

export interface LiveSimOptions {
  scenario: Scenario;
  engineOptions: EngineOptions;
  /** Start speed, 0.25–10 (virtual seconds per real second). */
  speed: number;
  color: boolean;
  ascii: boolean;
  /** High-contrast theme and larger labels for projectors. */
  projector: boolean;
  /** Presenter cues (`--at 12:pause`, `12:set_speed:0.5`, `12:say:TEXT`), in time order. */
  cues?: Cue[];
  /** Event types that pause the run when they happen (`--pause-on`). */
  pauseOn?: string[];
  /** No moving requests (`--reduced-motion`); state changes and banners still shown. */
  reducedMotion?: boolean;
}
