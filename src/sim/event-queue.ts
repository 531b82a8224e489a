/**
 * The simulator's event queue: a binary min-heap keyed by (time, insertion order),
 * stored in parallel typed arrays so that pushing and popping allocate nothing. Ties
 * at the same virtual time pop in the order they were pushed, which keeps runs
 * deterministic.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private type: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private n = 0;
  private counter = 0;
  /** Fields of the last popped event. */
  t = 0;
  evType = 0;
  evA = 0;
  evB = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.type = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0]! : Infinity;
  }

  push(t: number, type: number, a: number, b: number): void {
    if (this.n === this.time.length) this.grow();
    const time = this.time;
    const seq = this.seq;
    const s = this.counter++;
    let i = this.n++;
    // Sift up: move parents down until the new event's place is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p]!;
      if (pt < t || (pt === t && seq[p]! < s)) break;
      time[i] = pt;
      seq[i] = seq[p]!;
      this.type[i] = this.type[p]!;
      this.a[i] = this.a[p]!;
      this.b[i] = this.b[p]!;
      i = p;
    }
    time[i] = t;
    seq[i] = s;
    this.type[i] = type;
    this.a[i] = a;
    this.b[i] = b;
  }

  /** Remove the earliest event into `t`, `evType`, `evA`, `evB`. Returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const time = this.time;
    const seq = this.seq;
    const type = this.type;
    const a = this.a;
    const b = this.b;
    this.t = time[0]!;
    this.evType = type[0]!;
    this.evA = a[0]!;
    this.evB = b[0]!;
    const n = --this.n;
    if (n === 0) return true;
    const lt = time[n]!;
    const ls = seq[n]!;
    const lty = type[n]!;
    const la = a[n]!;
    const lb = b[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (time[r]! < time[c]! || (time[r] === time[c] && seq[r]! < seq[c]!))) c = r;
      const ct = time[c]!;
      if (lt < ct || (lt === ct && ls < seq[c]!)) break;
      time[i] = ct;
      seq[i] = seq[c]!;
      type[i] = type[c]!;
      a[i] = a[c]!;
      b[i] = b[c]!;
      i = c;
    }
    time[i] = lt;
    seq[i] = ls;
    type[i] = lty;
    a[i] = la;
    b[i] = lb;
    return true;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const g = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const x = make(cap);
      x.set(old);
      return x;
    };
    this.time = g(this.time, (n) => new Float64Array(n));
    this.seq = g(this.seq, (n) => new Float64Array(n));
    this.type = g(this.type, (n) => new Int32Array(n));
    this.a = g(this.a, (n) => new Int32Array(n));
    this.b = g(this.b, (n) => new Int32Array(n));
  }
}
