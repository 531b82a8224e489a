/**
 * `webinfra-learn demo PLAYLIST.yaml`: the live view playing a list of steps; `n`
 * and `p` move to the next / previous step, each starting from 0 with its own
 * scenario, `at` events, cues and speed.
 */
import React, { useState } from 'react';
import { useKeys, LAYER } from './input';
import type { LiveSimOptions } from './sim-live-options';

export interface DemoStep {
  caption: string;
  options: LiveSimOptions;
}

/** Which step is shown; `screen` draws one (remounted per step, so each starts afresh). */
export function PlaylistScreen({ steps, screen }: { steps: readonly DemoStep[]; screen(options: LiveSimOptions, key: number, label: string): React.ReactElement }): React.ReactElement {
  const [i, setI] = useState(0);
  useKeys(
    (input) => {
      // Keys typed quickly arrive together ("nn").
      if (!/^[np]+$/.test(input)) return false;
      const by = [...input].reduce((d, k) => d + (k === 'n' ? 1 : -1), 0);
      setI((n) => Math.max(0, Math.min(steps.length - 1, n + by)));
      return true;
    },
    true,
    LAYER.step,
  );
  return screen(steps[i]!.options, i, `step ${i + 1}/${steps.length}`);
}
