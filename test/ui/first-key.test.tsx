/**
 * The first keys of a step whose view has not loaded yet. Step views are loaded on
 * first use (steps/registry.tsx); this file never preloads them, so the lesson opens
 * on a quiz while its code is still loading, as on a learner's first start. The keys
 * typed meanwhile must reach the question once it shows, in order, and the question
 * must not restart when its loaded view replaces the placeholder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Course } from '../../src/course/types';
import { KEY, oneLessonCourse, renderApp } from './app-harness';
import { lampText } from '../quiz/fixtures';

afterEach(() => cleanup());

const pos = { file: 'x.md', line: 1 };

const quizFirstCourse = (): Course => oneLessonCourse([{ kind: 'quiz', question: lampText, pos }, { kind: 'page', markdown: 'End page', pos }]);

describe('keys typed while a step view loads', { timeout: 20_000 }, () => {
  it('reach the question once it shows, in order, and the answer is graded', async () => {
    const app = renderApp({ course: quizFirstCourse(), startLesson: 'l1' });
    // Typed at once, before the quiz's code has loaded: the placeholder is on screen.
    expect(app.frame()).not.toContain('Type a short answer');
    for (const ch of 'lemp') await app.press(ch);
    await app.press(KEY.enter);
    await app.waitFor('✓ Correct.');
    expect(app.store.last.quizzes['lamp#q4']).toMatchObject({ firstTryCorrect: true, attempts: 1 });
  });
});
