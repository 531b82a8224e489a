/** What `webinfra-learn sim` hands the full-screen live view (src/ui/sim-live.tsx `runLiveSim`). */
import type { EngineOptions, Scenario } from '../sim/types';

export interface LiveSimOptions {
  scenario: Scenario;
  engineOptions: EngineOptions;
  /** Start speed, 0.25–10 (virtual seconds per real second). */
  speed: number;
  color: boolean;
  ascii: boolean;
  /** High-contrast theme and larger labels for projectors. */
  projector: boolean;
  /** No moving requests (`--reduced-motion`); state changes and banners still shown. */
  reducedMotion?: boolean;
}
