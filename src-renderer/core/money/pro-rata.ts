// Sharing an amount of fen in proportion to weights, exactly: each share is floored to the fen and
// the fen left over go one each to the largest remainders (ties to the earlier entry, or by the
// caller's order of preference), so the shares always add up to the amount.
import type { Fen } from '../types';

/**
 * Shares `total` fen in proportion to `weights` (non-negative fen). With `preference` (a list of
 * indices, best first) ties between equal remainders go to the preferred entry; by default to the
 * earlier one. A zero total weight gives every entry 0.
 */
export function shareProRata(weights: readonly Fen[], total: Fen, preference?: readonly number[]): Fen[] {
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n);
  if (sum === 0n || total <= 0) return weights.map(() => 0);
  const amount = BigInt(total);
  const floors = weights.map((weight) => (BigInt(weight) * amount) / sum);
  const remainders = weights.map((weight) => (BigInt(weight) * amount) % sum);
  let left = amount - floors.reduce((acc, value) => acc + value, 0n);
  const rank = new Map((preference ?? weights.map((_, index) => index)).map((index, position) => [index, position]));
  const order = weights.map((_, index) => index).sort((a, b) => {
    const difference = remainders[b]! - remainders[a]!;
    if (difference !== 0n) return difference > 0n ? 1 : -1;
    return (rank.get(a) ?? a) - (rank.get(b) ?? b);
  });
  for (const index of order) {
    if (left === 0n) break;
    if (remainders[index] === 0n) continue;
    floors[index]! += 1n;
    left -= 1n;
  }
  return floors.map((value) => Number(value));
}
