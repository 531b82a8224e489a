import { describe, expect, it } from 'vitest';
import { AnswerMismatchError, gradeAnswer } from '../../src/quiz/grade';
import { aRecordText, dnsSingle, lampText, predictKill, replicaText, requestOrder, spofMultiple, spofPick } from './fixtures';

describe('single choice', () => {
  it('marks the correct choice right and shows its note', () => {
    const g = gradeAnswer(dnsSingle, { kind: 'single', choice: 0 });
    expect(g.correct).toBe(true);
    expect(g.feedback).toContain('maps a name');
    expect(g.explain).toBe(dnsSingle.explain);
  });

  it('answers a distractor with its own feedback and misconception', () => {
    const g = gradeAnswer(dnsSingle, { kind: 'single', choice: 1 });
    expect(g.correct).toBe(false);
    expect(g.feedback).toBe('A CNAME points to another name, never to an IP address.');
    expect(g.misconception).toBe(1);
    expect(g.notes).toEqual([{ text: g.feedback, misconception: 1 }]);
  });

  it('still says something for a distractor without feedback', () => {
    const g = gradeAnswer(dnsSingle, { kind: 'single', choice: 3 });
    expect(g.correct).toBe(false);
    expect(g.feedback).toContain('TXT');
    expect(g.misconception).toBeUndefined();
  });

  it('rejects choices that do not exist and answers of another kind', () => {
    expect(() => gradeAnswer(dnsSingle, { kind: 'single', choice: 4 })).toThrow(AnswerMismatchError);
    expect(() => gradeAnswer(dnsSingle, { kind: 'single', choice: -1 })).toThrow(/does not exist/);
    expect(() => gradeAnswer(dnsSingle, { kind: 'text', text: 'A' })).toThrow(/text answer was given to single/);
  });
});

describe('multiple choice', () => {
  it('is right only for exactly the correct set, in any order', () => {
    expect(gradeAnswer(spofMultiple, { kind: 'multiple', choices: [1, 0] }).correct).toBe(true);
    expect(gradeAnswer(spofMultiple, { kind: 'multiple', choices: [0] }).correct).toBe(false);
    expect(gradeAnswer(spofMultiple, { kind: 'multiple', choices: [0, 1, 2] }).correct).toBe(false);
  });

  it('explains each wrongly ticked distractor; the missed right choices wait for the reveal', () => {
    const g = gradeAnswer(spofMultiple, { kind: 'multiple', choices: [0, 3] });
    expect(g.correct).toBe(false);
    expect(g.notes).toHaveLength(1);
    expect(g.notes![0]!.text).toContain('You ticked "The replica"');
    // Which right option was missed is not said until the learner asks for the answer.
    expect(g.feedback).not.toContain('MySQL primary');
    expect(g.revealNotes!.map((n) => n.text)).toEqual(['You missed "The MySQL primary": it is also right. Writes stop when it dies.']);
  });

  it('names the misconception of the distractor and sums up without naming choices', () => {
    const g = gradeAnswer(spofMultiple, { kind: 'multiple', choices: [0, 3] });
    const texts = g.notes!.map((n) => n.text);
    expect(texts[0]).toContain('You ticked "The replica": Replicas only serve reads');
    expect(g.notes![0]!.misconception).toBe(4);
    expect(g.misconception).toBe(4);
    expect(g.feedback).toBe(texts.join('\n'));
    expect(g.summary).toBe('You ticked 1 of the 2 right answers and 1 wrong one.');
  });

  it('summarises a partial answer with no wrong ticks', () => {
    const g = gradeAnswer(spofMultiple, { kind: 'multiple', choices: [1] });
    expect(g.summary).toBe('You ticked 1 of the 2 right answers and no wrong ones.');
    expect(g.notes).toBeUndefined();
    expect(g.revealNotes!.map((n) => n.text)).toEqual(['You missed "The load balancer": it is also right.']);
  });

  it('treats a duplicated tick as one and rejects unknown choices', () => {
    expect(gradeAnswer(spofMultiple, { kind: 'multiple', choices: [0, 1, 1] }).correct).toBe(true);
    expect(() => gradeAnswer(spofMultiple, { kind: 'multiple', choices: [9] })).toThrow(AnswerMismatchError);
  });
});

describe('order', () => {
  const items = requestOrder.items;
  const swap = (xs: string[], i: number, j: number) => {
    const out = [...xs];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  };

  it('is right only in the exact order', () => {
    expect(gradeAnswer(requestOrder, { kind: 'order', order: [...items] }).correct).toBe(true);
    expect(gradeAnswer(requestOrder, { kind: 'order', order: swap(items, 0, 1) }).correct).toBe(false);
  });

  it('uses the first broken mistake rule', () => {
    // DNS after the LB and the DB before the app: both rules broken, the first wins.
    const order = ['Browser', 'Load balancer', 'DNS resolver', 'Web server', 'Database', 'App server'];
    const g = gradeAnswer(requestOrder, { kind: 'order', order });
    expect(g.feedback).toContain('must learn the IP');
    expect(g.misconception).toBe(11);
  });

  it('uses a later rule when only it is broken', () => {
    const g = gradeAnswer(requestOrder, { kind: 'order', order: swap(items, 4, 5) });
    expect(g.feedback).toBe('The web server never talks to MySQL; the app server does.');
    expect(g.misconception).toBeUndefined();
  });

  it('otherwise names the first misplaced pair', () => {
    const g = gradeAnswer(requestOrder, { kind: 'order', order: swap(items, 0, 1) });
    expect(g.feedback).toBe('Not yet: "Browser" comes before "DNS resolver".');
    const g2 = gradeAnswer(requestOrder, { kind: 'order', order: ['Browser', 'DNS resolver', 'Web server', 'Load balancer', 'App server', 'Database'] });
    expect(g2.feedback).toBe('Not yet: "Load balancer" comes before "Web server".');
  });

  it('rejects an order that is not a rearrangement of the items', () => {
    expect(() => gradeAnswer(requestOrder, { kind: 'order', order: items.slice(1) })).toThrow(AnswerMismatchError);
    expect(() => gradeAnswer(requestOrder, { kind: 'order', order: [...items.slice(1), 'CDN'] })).toThrow(/rearrangement/);
  });
});

describe('text', () => {
  it.each(['LEMP', 'lemp', '  lemp  ', 'Lemp.', '"LEMP"', 'the LEMP stack', 'lemp   stack!', '“lemp”', 'a LEMP stack'])('accepts %j', (text) => {
    const g = gradeAnswer(lampText, { kind: 'text', text });
    expect(g.correct).toBe(true);
    expect(g.feedback).toBeUndefined();
  });

  it('answers a known wrong answer with its feedback, even in another case', () => {
    const g = gradeAnswer(lampText, { kind: 'text', text: ' lamp ' });
    expect(g.correct).toBe(false);
    expect(g.feedback).toContain('LAMP names Apache');
    expect(g.misconception).toBe(9);
  });

  it('forgives one slip in a longer answer, with a spelling note', () => {
    const g = gradeAnswer(replicaText, { kind: 'text', text: 'repilca' });
    expect(g.correct).toBe(false); // a swap is two edits: not a near miss
    const near = gradeAnswer(replicaText, { kind: 'text', text: 'replca' });
    expect(near.correct).toBe(true);
    expect(near.feedback).toBe('Right — mind the spelling: "replica".');
    expect(gradeAnswer(replicaText, { kind: 'text', text: 'read-replica' }).correct).toBe(true);
    expect(gradeAnswer(replicaText, { kind: 'text', text: 'readreplica' }).correct).toBe(true);
  });

  it('does not forgive slips in short answers', () => {
    expect(gradeAnswer(lampText, { kind: 'text', text: 'LEM' }).correct).toBe(false);
    expect(gradeAnswer(lampText, { kind: 'text', text: 'LEMB' }).correct).toBe(false);
    expect(gradeAnswer(aRecordText, { kind: 'text', text: 'B' }).correct).toBe(false);
  });

  it('keeps "A" as an answer, not an article', () => {
    expect(gradeAnswer(aRecordText, { kind: 'text', text: 'a' }).correct).toBe(true);
    expect(gradeAnswer(aRecordText, { kind: 'text', text: 'an A record' }).correct).toBe(true);
    expect(gradeAnswer(aRecordText, { kind: 'text', text: 'record' }).correct).toBe(false);
    expect(gradeAnswer(aRecordText, { kind: 'text', text: 'a CNAME' }).feedback).toContain('another name');
  });

  it('prefers an exact wrong answer over a near miss of a right one', () => {
    const q = { ...replicaText, accept: ['primary'], wrong: [{ answer: 'primarx', feedback: 'trap' }] };
    expect(gradeAnswer(q, { kind: 'text', text: 'primarx' }).feedback).toBe('trap');
    expect(gradeAnswer(q, { kind: 'text', text: 'primay' }).correct).toBe(true);
  });

  it('says plainly when nothing matched or nothing was typed', () => {
    expect(gradeAnswer(lampText, { kind: 'text', text: 'XAMPP' }).feedback).toBe('"XAMPP" is not what we are looking for.');
    const empty = gradeAnswer(lampText, { kind: 'text', text: '  ."  ' });
    expect(empty.correct).toBe(false);
    expect(empty.feedback).toBe('No answer was typed.');
  });
});

describe('pick-node and predict', () => {
  it('grades a picked node with per-node feedback', () => {
    expect(gradeAnswer(spofPick, { kind: 'pick-node', node: 'lb-1' })).toMatchObject({ correct: true, feedback: 'Yes: everything goes through it.' });
    expect(gradeAnswer(spofPick, { kind: 'pick-node', node: 'web-1' })).toMatchObject({ correct: false, feedback: 'If web-1 dies, web-2 still serves.' });
    expect(gradeAnswer(spofPick, { kind: 'pick-node', node: 'web-2' })).toMatchObject({ correct: false, feedback: 'web-2 is not the one.' });
    expect(() => gradeAnswer(spofPick, { kind: 'pick-node', node: '' })).toThrow(AnswerMismatchError);
  });

  it('grades a prediction like a single choice', () => {
    expect(gradeAnswer(predictKill, { kind: 'predict', choice: 0 }).correct).toBe(true);
    expect(gradeAnswer(predictKill, { kind: 'predict', choice: 1 })).toMatchObject({ correct: false, feedback: 'There is only one LB here; no VRRP.' });
  });
});
