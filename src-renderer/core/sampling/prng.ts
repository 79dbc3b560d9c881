// The seeded pseudo-random generator of audit samples: sfc32, Chris Doty-Humphrey's "Small Fast
// Chaotic" 32-bit generator from PractRand 0.94 (passes PractRand and BigCrush; 128-bit state, one
// word of it a counter, so no short cycles). It is integer-only and specified bit for bit, so the
// same seed gives the same numbers on any machine and in any JavaScript engine.
//
// Seeding (documented so an auditor can reproduce a sample with another tool):
//   digest = SHA-256 of the UTF-8 bytes of the seed text (through the Hasher port);
//   a, b, c, d = the digest's first 16 bytes read as four big-endian unsigned 32-bit words;
//   then 12 outputs are drawn and discarded (the warm-up PractRand's author recommends).
// Uniform integers below a bound use rejection: enough 32-bit outputs, most significant first, are
// joined and masked to the bound's bit length; values at or above the bound are drawn again. No
// modulo bias, no floating point.

import { strToU8 } from 'fflate';
import type { Hasher } from '../ports';

export const PRNG_NAME = 'sfc32 (PractRand 0.94), seeded from SHA-256 of the UTF-8 seed text, 12 warm-up rounds';

const WARM_UP_ROUNDS = 12;

export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
  }

  /** The next output, an unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform integer in [0, bound) for a positive bound, by rejection (see the header). */
  below(bound: bigint): bigint {
    if (bound <= 0n) throw new RangeError(`the bound of a uniform draw must be positive (got ${bound})`);
    if (bound === 1n) return 0n;
    const bits = (bound - 1n).toString(2).length;
    const words = Math.ceil(bits / 32);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let value = 0n;
      for (let i = 0; i < words; i++) value = (value << 32n) | BigInt(this.nextUint32());
      value &= mask;
      if (value < bound) return value;
    }
  }

  /** A uniform integer in [0, bound) for a bound that is a safe integer. */
  belowNumber(bound: number): number {
    return Number(this.below(BigInt(bound)));
  }
}

/** The generator for a seed text, as described in the header. */
export async function seededSfc32(seed: string, hasher: Hasher): Promise<Sfc32> {
  const digest = await hasher.sha256(strToU8(seed));
  const word = (index: number): number => Number.parseInt(digest.slice(index * 8, index * 8 + 8), 16);
  const generator = new Sfc32(word(0), word(1), word(2), word(3));
  for (let i = 0; i < WARM_UP_ROUNDS; i++) generator.nextUint32();
  return generator;
}
