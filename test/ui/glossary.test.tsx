/**
 * The glossary overlay: w opens it over any screen with the shipped course's terms,
 * ↓ scrolls, Esc (or w) closes it and the screen underneath is as it was.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { loadGlossary } from '../../src/course/course-data';
import { lessonsDir } from '../../src/package-root';
import { glossaryLines } from '../../src/ui/screens/glossary';
import { KEY, renderApp } from './app-harness';

const { course } = loadCourse(lessonsDir());

describe('glossaryLines', () => {
  it('lists terms alphabetically with the definition wrapped under each and where it is taught', () => {
    const terms = [
      { term: 'zone', lesson: 'l2', definition: 'All the DNS records of one domain, served by its name servers.' },
      { term: 'A record', lesson: 'l1', definition: 'Maps a name to an IPv4 address.', also: ['502'] },
    ];
    const lines = glossaryLines(terms, (id) => (id === 'l1' ? 'DNS' : undefined), 30).map((l) => l.text);
    expect(lines[0]).toBe('A record');
    expect(lines).toContain('  taught in: DNS');
    expect(lines.indexOf('zone')).toBeGreaterThan(lines.indexOf('  taught in: DNS'));
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });
});

describe('the glossary overlay', { timeout: 20_000 }, () => {
  it('opens with w over a lesson, scrolls, and closes with Esc back to the same page', async () => {
    const app = renderApp({ course, startLesson: 'sws-dns' });
    const page = await app.waitFor('Domain names and DNS');
    expect(page).toContain('Domain names and DNS');
    await app.press('w');
    const open = await app.waitFor('Glossary ·');
    expect(open).toContain(`${loadGlossary(lessonsDir()).value!.terms.length} terms`);
    expect(open).toContain('A record');
    // The overlay takes keys once its effect has run: press until the view moves.
    for (let i = 0; i < 50 && app.frame().includes('lines 1–'); i++) await app.press(KEY.down);
    await app.waitFor((f) => !f.includes('lines 1–'));
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('Glossary ·') && f.includes('Domain names and DNS'));
  });

  it('opens from the course map too, at 60×18, and w closes it', async () => {
    const app = renderApp({ course, columns: 60, rows: 18 });
    await app.waitFor('Simple web stack');
    await app.press('w');
    const open = await app.waitFor('Glossary ·');
    for (const line of open.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    await app.press('w');
    await app.waitFor((f) => !f.includes('Glossary ·') && f.includes('Simple web stack'));
  });
});
