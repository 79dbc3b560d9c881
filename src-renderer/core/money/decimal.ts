// Exact decimal arithmetic for ratios, rates, thresholds and scores: a decimal string becomes a
// scaled BigInt (units / 10^scale). Nothing here goes through floating point.

import { InvalidInputError } from '../result';

export interface ScaledDecimal {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses "0.20", "20", "18.5", "-3.25" exactly; throws InvalidInputError otherwise. */
export function parseDecimal(text: string, what = 'number'): ScaledDecimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) throw new InvalidInputError(`${what} "${text}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  const magnitude = BigInt(`${whole}${fraction}`);
  return { units: sign ? -magnitude : magnitude, scale: fraction.length };
}

export function isDecimal(text: string): boolean {
  return DECIMAL_PATTERN.test(text.trim());
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/** Integer division rounding half away from zero. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** Integer division rounding toward negative infinity. */
export function divideFloor(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder !== 0n && remainder < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/** Renders units/10^scale with exactly `digits` decimals, rounding half up. */
export function formatScaled(value: ScaledDecimal, digits: number): string {
  const rescaled = value.scale <= digits
    ? value.units * pow10(digits - value.scale)
    : divideHalfUp(value.units, pow10(value.scale - digits));
  return formatUnits(rescaled, digits);
}

/** Renders an integer count of 10^-digits units as a decimal string ("1234", 2 → "12.34"). */
export function formatUnits(units: bigint, digits: number): string {
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The value as a count of 10^-scale units (exact when scale >= value.scale; else rounded half up). */
export function toScale(value: ScaledDecimal, scale: number): bigint {
  return scale >= value.scale ? value.units * pow10(scale - value.scale) : divideHalfUp(value.units, pow10(value.scale - scale));
}

/** Compares two scaled decimals exactly: -1, 0 or 1. */
export function compareDecimals(a: ScaledDecimal, b: ScaledDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.units * pow10(scale - a.scale);
  const right = b.units * pow10(scale - b.scale);
  return left === right ? 0 : left < right ? -1 : 1;
}
