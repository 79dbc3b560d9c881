import { describe, expect, it } from 'vitest';
import { daysInMonth, isRealDate } from '../../src-renderer/core/calendar';

describe('calendar', () => {
  it('gives each month its days, February by the leap-year rule', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2023, month))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('tells a real day from a misread one', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2023, 4, 31)).toBe(false);
    expect(isRealDate(2023, 13, 1)).toBe(false);
    expect(isRealDate(2023, 0, 1)).toBe(false);
    expect(isRealDate(2023, 1, 0)).toBe(false);
  });
});
