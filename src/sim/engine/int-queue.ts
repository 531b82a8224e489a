/**
 * A growable FIFO of integers (request ids waiting at a station or a load balancer).
 */

/** Growable FIFO of integers. */
export class IntQueue {
  private buf = new Int32Array(16);
  private head = 0;
  size = 0;
  push(x: number): void {
    if (this.size === this.buf.length) {
      const nb = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.size; i++) nb[i] = this.buf[(this.head + i) % this.buf.length]!;
      this.buf = nb;
      this.head = 0;
    }
    this.buf[(this.head + this.size) % this.buf.length] = x;
    this.size++;
  }
  shift(): number {
    const x = this.buf[this.head]!;
    this.head = (this.head + 1) % this.buf.length;
    this.size--;
    return x;
  }
  at(i: number): number {
    return this.buf[(this.head + i) % this.buf.length]!;
  }
  clear(): void {
    this.head = 0;
    this.size = 0;
  }
}
