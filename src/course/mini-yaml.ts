/**
 * A fast path for the plain YAML that lesson blocks are written in: block mappings
 * and sequences, one-line flow lists and mappings of scalars, quoted and plain
 * scalars. Anything else (block scalars, anchors, tags, multi-line scalars, odd
 * escapes, trailing comments, duplicate keys…) returns `undefined` and the caller
 * uses the full `yaml` package, which also produces the error messages.
 *
 * Why: in a fresh process the yaml package parses this course in ~300 ms (its lexer
 * runs interpreted until the JIT warms up); this regex-driven subset does it in a
 * fraction of that. A test checks it against `yaml` on every shipped block, value and
 * line numbers alike, so the two never disagree on what they both accept.
 */

export interface MiniYaml {
  value: unknown;
  /** 1-based line (within the text) of each path, keyed by `pathKey`. */
  lines: Map<string, number>;
}

/** The key of a value path in `MiniYaml.lines`. */
export const pathKey = (path: readonly (string | number)[]): string => path.join('\u0000');

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

interface Line {
  indent: number;
  text: string;
  /** 1-based. */
  no: number;
}

const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.\-/]*)[ \t]*:(?:[ \t]+(.*))?$/;

/** Parses `text`, or returns undefined when it is outside the supported subset. */
export function parseMiniYaml(text: string): MiniYaml | undefined {
  const lines: Line[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i].replace(/\r$/, '');
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    if (line.slice(0, indent).includes('\t')) return undefined;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) return undefined;
    lines.push({ indent, text: stripComment(content).trimEnd(), no: i + 1 });
  }
  const out = new Map<string, number>();
  if (lines.length === 0) return { value: null, lines: out };
  try {
    const p = new MiniParser(lines, out);
    const first = lines[0];
    if (first.indent !== 0 || first.text.startsWith('-') || !KEY.test(first.text)) return undefined;
    out.set(pathKey([]), first.no);
    const value = p.block(0, []);
    if (p.i !== lines.length) return undefined;
    return { value, lines: out };
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}

/**
 * Cuts a trailing ` # comment`. A quote only opens a string where a value can start
 * (so the apostrophe in `don't` does not), and a `#` inside one is text.
 */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (quote) {
      if (quote === '"' && ch === '\\') k++;
      else if (ch === quote) {
        if (quote === "'" && line[k + 1] === "'") k++;
        else quote = undefined;
      }
    } else if ((ch === '"' || ch === "'") && (k === 0 || /[\s[{,:-]/.test(line[k - 1]))) quote = ch;
    else if (ch === '#' && k > 0 && /\s/.test(line[k - 1])) return line.slice(0, k);
  }
  return line;
}

class MiniParser {
  i = 0;
  constructor(
    private readonly lines: Line[],
    private readonly out: Map<string, number>,
  ) {}

  /** A mapping or sequence whose lines start at column `indent`. */
  block(indent: number, path: (string | number)[]): unknown {
    const line = this.lines[this.i];
    if (!line || line.indent !== indent) bail();
    return line.text === '-' || line.text.startsWith('- ') ? this.sequence(indent, path) : this.mapping(indent, path);
  }

  private mapping(indent: number, path: (string | number)[]): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent < indent) break;
      if (line.indent > indent) bail();
      const m = KEY.exec(line.text);
      if (!m) bail();
      const key = m![1];
      if (Object.hasOwn(map, key) || key === '__proto__') bail();
      const at = [...path, key];
      this.out.set(pathKey(at), line.no);
      this.i++;
      const rest = m![2];
      if (rest !== undefined && rest !== '') {
        map[key] = inline(rest);
        this.record(at, map[key], line.no);
        const next = this.lines[this.i];
        if (next && next.indent > indent) bail(); // a continued (multi-line) scalar
      } else {
        const next = this.lines[this.i];
        if (next && next.indent > indent) map[key] = this.block(next.indent, at);
        else if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) {
          map[key] = this.sequence(indent, at);
        } else map[key] = null;
      }
    }
    return map;
  }

  private sequence(indent: number, path: (string | number)[]): unknown[] {
    const list: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) {
        if (line.indent > indent) bail();
        break;
      }
      const at = [...path, list.length];
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        const next = this.lines[this.i];
        // Like yaml, an item that is a nested block starts where that block does.
        const nested = next && next.indent > indent;
        this.out.set(pathKey(at), nested ? next.no : line.no);
        list.push(nested ? this.block(next.indent, at) : null);
        continue;
      }
      if (rest.startsWith('- ') || rest === '-') bail(); // nested "- - x"
      if (KEY.test(rest) && !/^["'[{]/.test(rest)) {
        // "- key: value": a mapping whose column is where its first key starts.
        const column = line.indent + (line.text.length - rest.length);
        this.lines[this.i] = { indent: column, text: rest, no: line.no };
        this.out.set(pathKey(at), line.no);
        list.push(this.mapping(column, at));
        continue;
      }
      this.out.set(pathKey(at), line.no);
      this.i++;
      const value = inline(rest);
      this.record(at, value, line.no);
      list.push(value);
      const next = this.lines[this.i];
      if (next && next.indent > indent) bail();
    }
    return list;
  }

  /** Lines of everything inside a one-line flow collection (all on `no`). */
  private record(path: (string | number)[], value: unknown, no: number): void {
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      const at = [...path, Array.isArray(value) ? Number(k) : k];
      this.out.set(pathKey(at), no);
      this.record(at, v, no);
    }
  }
}

/** A value written on one line: flow list, flow mapping (nested ones too), or scalar. */
function inline(text: string): unknown {
  if (!text.startsWith('[') && !text.startsWith('{')) return scalar(text, false);
  const r = new FlowReader(text);
  const value = r.value();
  r.space();
  if (r.pos !== text.length) bail();
  return value;
}

/** Recursive descent over one line of flow YAML: `[a, "b", {c: d}]`. */
class FlowReader {
  pos = 0;
  constructor(private readonly s: string) {}

  space(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
  }

  value(): unknown {
    this.space();
    const ch = this.s[this.pos];
    if (ch === '[') return this.list();
    if (ch === '{') return this.map();
    return scalar(this.token(), true);
  }

  private list(): unknown[] {
    const out: unknown[] = [];
    this.pos++; // [
    this.space();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const ch = this.s[this.pos++];
      if (ch === ']') return out;
      if (ch !== ',') bail();
      this.space();
      if (this.s[this.pos] === ']') bail(); // trailing comma
    }
  }

  private map(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++; // {
    this.space();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      const key = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*/.exec(this.s.slice(this.pos))?.[0];
      if (!key || Object.hasOwn(out, key) || key === '__proto__') bail();
      this.pos += key!.length;
      this.space();
      if (this.s[this.pos] !== ':' || !/[ \t]/.test(this.s[this.pos + 1] ?? '')) bail();
      this.pos++;
      out[key!] = this.value();
      this.space();
      const ch = this.s[this.pos++];
      if (ch === '}') return out;
      if (ch !== ',') bail();
      this.space();
      if (this.s[this.pos] === '}') bail();
    }
  }

  /** A scalar's text: a quoted string, or plain text up to the next flow indicator. */
  private token(): string {
    const start = this.pos;
    const q = this.s[start];
    if (q === '"' || q === "'") {
      let k = start + 1;
      for (; k < this.s.length; k++) {
        if (q === '"' && this.s[k] === '\\') k++;
        else if (this.s[k] === q) {
          if (q === "'" && this.s[k + 1] === "'") k++;
          else break;
        }
      }
      if (k >= this.s.length) bail();
      this.pos = k + 1;
      return this.s.slice(start, k + 1);
    }
    while (this.pos < this.s.length && !',[]{}'.includes(this.s[this.pos])) this.pos++;
    const t = this.s.slice(start, this.pos).trim();
    if (t === '') bail();
    return t;
  }
}

/** A quoted or plain scalar, typed as YAML 1.2's core schema types it. */
function scalar(text: string, inFlow: boolean): unknown {
  const t = text.trim();
  if (t.startsWith('"')) return doubleQuoted(t);
  if (t.startsWith("'")) {
    if (t.length < 2 || !t.endsWith("'")) bail();
    const inner = t.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ''))) bail();
    return inner.replace(/''/g, "'");
  }
  // Indicators that start something this subset does not read.
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(t) && !/^-[0-9.]/.test(t)) bail();
  if (/:(\s|$)|\s#/.test(t) || (inFlow && /[,[\]{}]/.test(t))) bail();
  if (/^(~|null|Null|NULL)$/.test(t)) return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?[0-9]+$/.test(t)) return Number(t);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(t)) return Number(t);
  if (/^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/.test(t) || /^0[ox]/.test(t)) bail();
  return t;
}

function doubleQuoted(t: string): string {
  if (t.length < 2 || !t.endsWith('"')) bail();
  const inner = t.slice(1, -1);
  let out = '';
  for (let k = 0; k < inner.length; k++) {
    const ch = inner[k];
    if (ch === '"') bail(); // a quote ends the string early: something follows it
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = inner[++k];
    if (e === undefined) bail();
    else if (e === '"' || e === '\\' || e === '/') out += e;
    else if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else if (e === 'r') out += '\r';
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(inner.slice(k + 1, k + 5))) {
      out += String.fromCharCode(parseInt(inner.slice(k + 1, k + 5), 16));
      k += 4;
    } else bail();
  }
  return out;
}
