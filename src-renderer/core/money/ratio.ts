// Exact ratios and rates on fen: cut ratios, thresholds ("0.20"), subsidy rates ("0.5"),
// payment-proof ratios. Integer and BigInt arithmetic only.

import type { Fen } from '../types';
import { divideFloor, divideHalfUp, formatUnits, parseDecimal, pow10 } from './decimal';

/**
 * numerator / denominator as a decimal string with `digits` decimals, rounded half up:
 * ratioString(200000, 1000000) → "0.2000". A zero denominator gives zero ("0.0000").
 */
export function ratioString(numeratorFen: Fen, denominatorFen: Fen, digits = 4): string {
  if (denominatorFen === 0) return formatUnits(0n, digits);
  const scaled = divideHalfUp(BigInt(numeratorFen) * pow10(digits), BigInt(denominatorFen));
  return formatUnits(scaled, digits);
}

/** True when part / whole > ratio exactly ("0.20" means 20%): part × 10^s > whole × ratio × 10^s. */
export function exceedsRatio(partFen: Fen, wholeFen: Fen, ratio: string): boolean {
  const { units, scale } = parseDecimal(ratio, 'ratio');
  return BigInt(partFen) * pow10(scale) > BigInt(wholeFen) * units;
}

/** True when part is more than `percent` percent of whole ("20" or "20.5"): part × 100 > whole × percent. */
export function exceedsPercent(partFen: Fen, wholeFen: Fen, percent: string | number): boolean {
  const { units, scale } = parseDecimal(String(percent), 'percent');
  return BigInt(partFen) * 100n * pow10(scale) > BigInt(wholeFen) * units;
}

/** True when part / whole >= ratio exactly. */
export function reachesRatio(partFen: Fen, wholeFen: Fen, ratio: string): boolean {
  const { units, scale } = parseDecimal(ratio, 'ratio');
  return BigInt(partFen) * pow10(scale) >= BigInt(wholeFen) * units;
}

/** fen × rate rounded DOWN to the fen (rate "0.5", "0.30"); the subsidy rounding of DESIGN.md. */
export function applyRateDown(fen: Fen, rate: string): Fen {
  const { units, scale } = parseDecimal(rate, 'rate');
  return Number(divideFloor(BigInt(fen) * units, pow10(scale)));
}

/** The largest part with part / whole <= ratio: floor(whole × ratio). */
export function maxPartWithinRatio(wholeFen: Fen, ratio: string): Fen {
  return applyRateDown(wholeFen, ratio);
}

/** numerator / denominator as a percentage with `digits` decimals, half up: (200000, 1000000) → "20.00". */
export function percentString(numeratorFen: Fen, denominatorFen: Fen, digits = 2): string {
  if (denominatorFen === 0) return formatUnits(0n, digits);
  return formatUnits(divideHalfUp(BigInt(numeratorFen) * 100n * pow10(digits), BigInt(denominatorFen)), digits);
}

/** A ratio string as a percentage: "0.20" → "20", "0.125" → "12.5". */
export function ratioAsPercent(ratio: string): string {
  const { units, scale } = parseDecimal(ratio, 'ratio');
  const percentScale = Math.max(scale - 2, 0);
  const value = formatUnits(units * pow10(percentScale + 2 - scale), percentScale);
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
