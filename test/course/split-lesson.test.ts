import { describe, expect, it } from 'vitest';
import { splitLesson } from '../../src/course/split-lesson';
import { parseAtSpec } from '../../src/course/at-spec';

const fm = '---\nid: x\ntitle: X\n---\n';

describe('splitLesson', () => {
  it('reads front matter and its line', () => {
    const r = splitLesson(`${fm}Hello`);
    expect(r.frontMatter).toEqual({ text: 'id: x\ntitle: X', line: 2 });
    expect(r.parts).toEqual([{ type: 'prose', text: 'Hello', line: 5 }]);
    expect(r.problems).toEqual([]);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const r = splitLesson(`\uFEFF${fm}\r\nA\r\n\r\n---\r\n\r\nB\r\n`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'));
    expect(r.parts.map((p) => p.type === 'prose' && p.text)).toEqual(['A', 'B']);
    expect(r.problems).toEqual([]);
  });

  it('splits pages at --- but not inside code fences, and drops empty pages', () => {
    const r = splitLesson(`${fm}\nA\n\n---\n\n---\n\n\`\`\`text\n---\n\`\`\`\n\n~~~~\n---\n~~~~\n`);
    expect(r.parts).toEqual([
      { type: 'prose', text: 'A', line: 6 },
      { type: 'prose', text: '```text\n---\n```\n\n~~~~\n---\n~~~~', line: 12 },
    ]);
  });

  it('cuts pages around step blocks and keeps the block body with its lines', () => {
    const r = splitLesson(`${fm}Before\n\`\`\`quiz\nkind: text\n\`\`\`\nAfter\n`);
    expect(r.parts).toEqual([
      { type: 'prose', text: 'Before', line: 5 },
      { type: 'block', kind: 'quiz', body: 'kind: text', line: 6, bodyLine: 7 },
      { type: 'prose', text: 'After', line: 9 },
    ]);
  });

  it('leaves a quiz fence shown inside a longer fence alone', () => {
    const r = splitLesson(`${fm}\`\`\`\`markdown\n\`\`\`quiz\nkind: x\n\`\`\`\n\`\`\`\`\n`);
    expect(r.parts).toHaveLength(1);
    expect(r.parts[0]?.type).toBe('prose');
  });

  it('says where front matter is missing or not closed', () => {
    expect(splitLesson('# Title\n').problems[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(splitLesson('# Title\n').problems[0]?.message).toContain('no front matter');
    const open = splitLesson('---\nid: x\n\nText\n');
    expect(open.problems).toEqual([{ line: 1, severity: 'error', message: expect.stringContaining('not closed') }]);
    expect(open.frontMatter).toBeUndefined();
  });

  it('reports an unclosed fence at its opening line', () => {
    const r = splitLesson(`${fm}Text\n\n\`\`\`lab\nscenario: x\n`);
    expect(r.problems).toEqual([{ line: 7, severity: 'error', message: expect.stringContaining('```lab fence is never closed') }]);
    expect(r.parts).toEqual([{ type: 'prose', text: 'Text', line: 5 }]);
  });

  it('warns when --- sits right under text (a setext heading on GitHub)', () => {
    const r = splitLesson(`${fm}Title\n---\nBody\n`);
    expect(r.problems).toEqual([{ line: 6, severity: 'warning', message: expect.stringContaining('heading underline') }]);
  });
});

describe('parseAtSpec', () => {
  it('parses actions with and without values', () => {
    expect(parseAtSpec('10:kill:web-1')).toEqual({ event: { at_s: 10, action: 'kill', node: 'web-1' } });
    expect(parseAtSpec('2.5:set_rate:lb-1:400')).toEqual({
      event: { at_s: 2.5, action: 'set_rate', node: 'lb-1', value: 400 },
    });
    expect(parseAtSpec('0:set_algorithm:lb-1:leastconn')).toEqual({
      event: { at_s: 0, action: 'set_algorithm', node: 'lb-1', value: 'leastconn' },
    });
    expect(parseAtSpec('1:probe:web-1:3306')).toEqual({ event: { at_s: 1, action: 'probe', node: 'web-1', value: 3306 } });
    expect(parseAtSpec('60:set_rate:300')).toEqual({ event: { at_s: 60, action: 'set_rate', value: 300 } });
    expect(parseAtSpec('30s:kill:web-2')).toEqual({ event: { at_s: 30, action: 'kill', node: 'web-2' } });
  });

  it.each([
    ['kill:web-1', 'write it as'],
    ['-1:kill:web-1', 'not a time'],
    ['5:nuke:web-1', "unknown action 'nuke'"],
    ['5:kill:', 'node is missing'],
    ['5:drain:web-1:3', 'takes no value'],
    ['5:kill:web-1:3', 'unknown process'],
    ['5:set_rate:', 'needs a value'],
    ['5:set_rate:lb-1:fast', 'not a request rate'],
    ['5:probe:web-1:99999', 'not a port'],
    ['5:set_algorithm:lb-1:fastest', "unknown algorithm 'fastest'"],
  ])('rejects %s', (spec, message) => {
    const r = parseAtSpec(spec);
    expect('error' in r && r.error).toContain(message);
  });
});
