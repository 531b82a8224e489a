/**
 * A ```build step: the design editor inside the course, at the end of a chapter.
 * The learner's design of the task is loaded from their config folder (or started
 * from their design of the task before) and saved there on every change, so the
 * same design opens in `webinfra-learn design --task N`. → and Enter change values
 * here, so n / p move between steps.
 */
import React, { useCallback, useMemo, useState } from 'react';
import { Text } from 'ink';
import type { Step } from '../../course/types';
import type { Scenario } from '../../sim/types';
import type { TaskNumber } from '../../design/requirements';
import { designPath, saveDesign, startingDesign } from '../../design/editor/files';
import type { StepViewProps } from '../step-props';
import { LAYER } from '../input';
import { DesignEditor } from './design-editor';

type BuildStepData = Extract<Step, { kind: 'build' }>;

export function BuildStep({ step, width, height, theme, active, setContexts }: StepViewProps<BuildStepData>): React.ReactElement {
  const task = step.build.task as TaskNumber;
  const loaded = useMemo(() => {
    try {
      return { ok: true as const, file: designPath(task), ...startingDesign(task) };
    } catch (error) {
      return { ok: false as const, error: (error as Error).message };
    }
  }, [task]);
  const [saveError, setSaveError] = useState<string | undefined>();
  const onChange = useCallback(
    (design: Scenario) => {
      if (!loaded.ok) return;
      try {
        saveDesign(loaded.file, design);
        setSaveError(undefined);
      } catch (error) {
        setSaveError(`not saved to ${loaded.file}: ${(error as Error).message}`);
      }
    },
    [loaded],
  );
  if (!loaded.ok) {
    return <Text wrap="wrap">Your saved design could not be opened: {loaded.error}</Text>;
  }
  return (
    <>
      {saveError ? (
        <Text wrap="truncate" color={theme.color ? theme.colors.warn : undefined}>
          {saveError}
        </Text>
      ) : null}
      <DesignEditor
        task={task}
        initial={loaded.design}
        loadProblems={loaded.problems}
        file={loaded.file}
        width={width}
        height={saveError ? height - 1 : height}
        theme={theme}
        active={active}
        layer={LAYER.step}
        outerContexts={['designStep']}
        setContexts={setContexts}
        onChange={onChange}
      />
    </>
  );
}
