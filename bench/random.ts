/** A small seeded PRNG (mulberry32): the same seed always gives the same log. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 0x1_0000_0000).toString(16);
    return out.slice(0, length);
  }

  uuid(): string {
    const h = this.hex(32);
    const [a, b, c, d] = [h.slice(0, 8), h.slice(8, 12), h.slice(13, 16), h.slice(17, 20)];
    return `${a}-${b}-4${c}-a${d}-${h.slice(20)}`;
  }
}
