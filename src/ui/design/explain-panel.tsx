/**
 * Explain it: the mentor's questions asked about the learner's own design. They
 * pick a question, type a short answer, and see which required ideas it contains
 * and which are missing (as topics, never the answer), the lesson to read, and what
 * really happens when the question's case is run on their design.
 */
import React, { useLayoutEffect, useMemo, useState } from 'react';
import type { Scenario } from '../../sim/types';
import { matchIdeas, mentorQuestions, resolveCase, type IdeaMatch, type MentorQuestion } from '../../design/ideas';
import { drillScenario, runFault, type FaultResult } from '../../design/drill';
import { runnable } from '../../design/editor/files';
import type { StyledLine } from '../../diagram';
import type { KeyHandler } from '../input';
import { matchCommand, type Context } from '../keymap';
import type { Theme } from '../theme';
import { Canvas } from '../lab/canvas';
import { paintLines } from '../lab/paint';
import { fitLine } from '../text';
import { wrapStyled } from '../text';
import { clamp } from '../layout';
import { faultName } from './panel-lines';

export interface ExplainPanelProps {
  design: Scenario;
  file: string;
  width: number;
  height: number;
  theme: Theme;
  /**
   * The editor forwards keys here (set during render, so the first key after the
   * panel opens already reaches it): returns true for a key it used.
   */
  keys: { current?: KeyHandler };
  setContexts(contexts: Context[]): void;
  onBack(): void;
}

interface Outcome {
  match: IdeaMatch;
  run?: { name: string; result?: FaultResult; why?: string };
}

/** What the learner's design does in the question's case (pure but for the engine runs). */
export function runCase(design: Scenario, file: string, q: MentorQuestion): Outcome['run'] {
  if (!q.case) return undefined;
  const r = runnable(design, file);
  if (!r.scenario) return { name: 'the case', why: 'the design cannot run yet (press Esc, then c to see why)' };
  const fault = resolveCase(r.scenario, q.case);
  if (!fault) return { name: 'the case', why: 'your design has no machine for this case' };
  try {
    return { name: faultName(fault), result: runFault(drillScenario(r.scenario), fault, r.scenario.seed) };
  } catch (error) {
    return { name: faultName(fault), why: (error as Error).message.split('\n')[0] };
  }
}

/** The panel's lines (pure). */
export function explainLines(questions: MentorQuestion[], cursor: number, typing: boolean, answer: string, outcome: Outcome | undefined, width: number, ascii: boolean): StyledLine[] {
  const lines: StyledLine[] = [[{ text: "The mentor's questions, about your design:", style: 'title' }]];
  questions.forEach((q, i) => {
    const on = i === cursor;
    lines.push(...wrapStyled(q.question, width, on ? 'title' : 'text', on ? (ascii ? '> ' : '› ') : '  ', on ? 'selected' : 'text'));
  });
  lines.push([]);
  if (typing || answer) {
    lines.push(...wrapStyled(`${answer}${typing ? '_' : ''}`, width, 'text', 'Your answer: ', 'title'));
  }
  if (outcome) {
    const { match, run } = outcome;
    if (match.present.length) lines.push(...wrapStyled(match.present.join('; '), width, 'up', `${ascii ? '[ok]' : '✓'} You covered: `));
    if (match.missing.length) lines.push(...wrapStyled(match.missing.join('; '), width, 'down', `${ascii ? '[--]' : '✗'} Not yet said: `));
    lines.push(...wrapStyled(`Read again: lesson ${match.lesson} (webinfra-learn --lesson ${match.lesson})`, width, 'muted'));
    if (run) {
      if (run.result) {
        const r = run.result;
        lines.push(...wrapStyled(`${run.name}: ${r.users_see_errors ? 'users see errors' : 'no errors'}, ${r.failed} failed, availability ${(r.availability * 100).toFixed(1)}%; ${r.detected_by ? `noticed by ${r.detected_by} after ${r.detected_after_s?.toFixed(1)} s` : 'nothing noticed it'}${r.breaks_service ? '; broken until a person acts' : ''}.`, width, 'text', 'On your design, ', 'title'));
      } else lines.push(...wrapStyled(`${run.name}: ${run.why ?? ''}`, width, 'muted', 'On your design, ', 'title'));
    }
  }
  return lines;
}

export function ExplainPanel({ design, file, width, height, theme, keys, setContexts, onBack }: ExplainPanelProps): React.ReactElement {
  const questions = useMemo(() => {
    try {
      return mentorQuestions();
    } catch {
      return [];
    }
  }, []);
  const [cursor, setCursor] = useState(0);
  const [typing, setTyping] = useState(false);
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  useLayoutEffect(() => {
    setContexts(typing ? ['typing'] : ['designExplain']);
  }, [typing, setContexts]);

  keys.current = (input, key) => {
    if (typing) {
      const command = matchCommand(['typing'], input, key);
      if (command === 'quit') return false;
      if (command === 'submit') {
        const q = questions[cursor];
        if (q && answer.trim()) setOutcome({ match: matchIdeas(q.id, answer, questions), run: runCase(design, file, q) });
        setTyping(false);
      } else if (command === 'back') setTyping(false);
      else if (key.backspace || key.delete) setAnswer((a) => a.slice(0, -1));
      else if (input && !key.ctrl && !key.meta && answer.length < 400) setAnswer((a) => a + input.replace(/[\r\n\t\x00-\x1f]/g, ''));
      return true;
    }
    switch (matchCommand(['designExplain'], input, key)) {
      case 'up':
        setCursor((c) => clamp(c - 1, 0, questions.length - 1));
        setAnswer('');
        setOutcome(undefined);
        return true;
      case 'down':
        setCursor((c) => clamp(c + 1, 0, questions.length - 1));
        setAnswer('');
        setOutcome(undefined);
        return true;
      case 'submit':
        setTyping(true);
        setOutcome(undefined);
        return true;
      case 'back':
        onBack();
        return true;
      default:
        return false;
    }
  };

  const all = explainLines(questions, cursor, typing, answer, outcome, width, theme.ascii);
  // Keep the answer and its outcome in view: show the end when it is too long.
  const top = Math.max(0, all.length - height);
  const lines = all.slice(top, top + height).map((l) => fitLine(l, width));
  return <Canvas lines={paintLines(lines, theme)} width={width} />;
}
