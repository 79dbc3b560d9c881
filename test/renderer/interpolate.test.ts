import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src-renderer/i18n/interpolate';
import { translate } from '../../src-renderer/i18n';

describe('interpolate', () => {
  it('fills parameters and leaves unknown ones as written', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('no params')).toBe('no params');
  });

  it('chooses the English singular for exactly one and the plural otherwise', () => {
    const template = 'Audit chain verified ({count} {count|entry|entries})';
    expect(interpolate(template, { count: 1 })).toBe('Audit chain verified (1 entry)');
    expect(interpolate(template, { count: 0 })).toBe('Audit chain verified (0 entries)');
    expect(interpolate(template, { count: 12 })).toBe('Audit chain verified (12 entries)');
    expect(interpolate(template, { count: '1' })).toBe('Audit chain verified (1 entry)');
  });

  it('the catalogs use it: one audit entry is an entry, not "1 entries"', () => {
    expect(translate('en', 'log.chainOk', { count: 1 })).toBe('Audit chain verified (1 entry)');
    expect(translate('zh-CN', 'log.chainOk', { count: 1 })).not.toMatch(/entry|\|/);
  });
});
