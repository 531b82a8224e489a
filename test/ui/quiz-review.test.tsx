import { afterEach, describe, expect, it } from 'vitest';
import { emptyProgress } from '../../src/progress/types';
import { initReviewState, readyCount, reviewBlockId, reviewReducer } from '../../src/ui/quiz/use-review-state';
import { ReviewStep } from '../../src/ui/quiz/review-step';
import { frameFooter } from '../../src/ui/components/frame';
import { KEY, courseWith, lessonWith, mount, reviewStep, type Harness } from './quiz-harness';

let h: Harness | undefined;
afterEach(() => h?.unmount());

const items = [
  { text: 'What an A record is and why www is one', lesson: 'dns-basics' },
  { text: 'What a single point of failure is, in this design', lesson: 'spof' },
  { text: 'Why 8.8.8.8 is only a placeholder', lesson: 'gone-lesson' },
];

function setup(progress = emptyProgress()) {
  const step = reviewStep(items);
  const review = lessonWith([step], 'simple-review', 'Review: simple web stack');
  const course = courseWith([lessonWith([], 'dns-basics', 'DNS basics'), lessonWith([], 'spof', 'Single points of failure'), review]);
  return mount(ReviewStep, step, { course, lesson: review, progress });
}

describe('review checklist', () => {
  it('lists items with the lesson that taught each and a ready count', async () => {
    h = await setup();
    const f = await h.waitFor('Can you say this out loud');
    expect(f).toContain('Can you say this out loud');
    expect(f).toContain('0 of 3 ready');
    expect(f).toContain('› [ ] 1. What an A record is');
    expect(f).toContain('taught in: DNS basics (Simple web stack)');
    expect(f).toContain('taught in: Single points of failure (Simple web stack)');
    expect(f).toContain('taught in: gone-lesson (lesson not found)');
  });

  it('tells the footer that ↑↓ move between items and Space marks (not "scroll")', async () => {
    h = await setup();
    expect(h.contexts.at(-1)).toEqual(['checklist', 'lesson']);
    const footer = frameFooter(h.contexts.at(-1)!).map((i) => `${i.label} ${i.description}`);
    expect(footer.slice(0, 3)).toEqual(['↑↓ move', 'Space mark', '→/Enter next']);
    expect(footer).not.toContain('↑↓ scroll');
  });

  it('marks and unmarks items with Space, saving each change', async () => {
    h = await setup();
    await h.press(KEY.space, KEY.down, KEY.space);
    await h.waitFor('2 of 3 ready');
    expect(h.frame()).toContain('2 of 3 ready');
    expect(h.frame()).toContain('[x] 1. What an A record');
    expect(h.frame()).toContain('› [x] 2. What a single point');
    await h.press(KEY.space);
    await h.waitFor('1 of 3 ready');
    expect(h.frame()).toContain('1 of 3 ready');
    expect(h.marks).toEqual([
      { id: 'simple-review#review1:0', marked: true },
      { id: 'simple-review#review1:1', marked: true },
      { id: 'simple-review#review1:1', marked: false },
    ]);
    // → and Enter are the lesson's.
    await h.press(KEY.right, KEY.enter);
    expect(h.unhandled).toEqual(['→', 'Enter']);
  });

  it('starts from the saved marks', async () => {
    const progress = emptyProgress();
    progress.reviewed['simple-review#review1:2'] = true;
    h = await setup(progress);
    expect(h.frame()).toContain('1 of 3 ready');
    expect(h.frame()).toContain('[x] 3. Why 8.8.8.8');
  });

  it('says when every item is ready', async () => {
    h = await setup();
    await h.press(KEY.space, KEY.down, KEY.space, KEY.down, KEY.space);
    await h.waitFor('3 of 3 ready ✓ all of them');
    expect(h.frame()).toContain('3 of 3 ready ✓ all of them');
  });
});

describe('review ids', () => {
  it('uses the loader id, or counts the lesson’s review blocks', () => {
    const r = reviewStep(items);
    const lesson = lessonWith([r, { kind: 'page', markdown: '', pos: { file: 'x', line: 1 } }, r], 'l');
    expect(reviewBlockId(lesson, 0)).toBe('l#review1');
    expect(reviewBlockId(lesson, 2)).toBe('l#review2');
    expect(reviewBlockId(lessonWith([{ ...r, id: 'l#review7' }], 'l'), 0)).toBe('l#review7');
  });
});

describe('review reducer', () => {
  it('moves within bounds and toggles the item under the cursor', () => {
    const s0 = initReviewState('l', 2, emptyProgress());
    expect(reviewReducer(s0, { type: 'move', delta: -1 })).toBe(s0);
    const s1 = reviewReducer(reviewReducer(s0, { type: 'move', delta: 5 }), { type: 'toggle' });
    expect(s1).toEqual({ cursor: 1, marked: [false, true] });
    expect(readyCount(s1)).toBe(1);
    const empty = initReviewState('l', 0, emptyProgress());
    expect(reviewReducer(empty, { type: 'toggle' })).toBe(empty);
  });
});
