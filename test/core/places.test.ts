// Registration places are shown by name in the interface's language, whatever the profile or the
// manifest calls them by: an id, a Chinese name with or without 市, or a place nobody listed.
import { describe, expect, it } from 'vitest';
import { placeName, placeNames } from '../../src-renderer/core/places';

describe('place names', () => {
  it('names a place id in Chinese and in English', () => {
    expect(placeName('shenzhen', 'zh')).toBe('深圳市');
    expect(placeName('shenzhen', 'en')).toBe('Shenzhen');
    expect(placeName('Dongguan', 'zh')).toBe('东莞市');
    expect(placeName('lvliang', 'en')).toBe('Lüliang');
    expect(placeName('guangdong', 'zh')).toBe('广东省');
  });
  it('reads a Chinese name as written, with or without 市', () => {
    expect(placeName('深圳市', 'en')).toBe('Shenzhen');
    expect(placeName('运城', 'zh')).toBe('运城市');
  });
  it('shows a place it does not know as written', () => {
    expect(placeName('xiongan', 'en')).toBe('xiongan');
    expect(placeName(' 雄安新区 ', 'zh')).toBe('雄安新区');
  });
  it('lists several places in the language of the list', () => {
    expect(placeNames(['shenzhen', 'huizhou'], 'zh')).toBe('深圳市、惠州市');
    expect(placeNames(['shenzhen', 'huizhou'], 'en')).toBe('Shenzhen, Huizhou');
  });
});
