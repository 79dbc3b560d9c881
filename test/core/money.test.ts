import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRateDown, exceedsPercent, exceedsRatio, formatCny, formatYuan, maxPartWithinRatio,
  parseChineseAmount, parseYuan, ratioString, reachesRatio, toChineseAmount, tryParseYuan,
} from '../../src-renderer/core/money';
import { InvalidInputError } from '../../src-renderer/core/result';

const safeFen = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('parseYuan', () => {
  it.each([
    ['12720.00', 1272000], ['12720', 1272000], ['12720.5', 1272050], ['0.01', 1], ['0', 0],
    ['¥12,720.00', 1272000], ['￥1,234,567.89', 123456789], [' 50.00 ', 5000], ['-3.25', -325],
    ['-¥1,000.00', -100000], ['１２７２０．００', 1272000], ['1,000', 100000],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });
  it.each(['', 'abc', '1.234', '12,72.00', '1,0000', '.5', '5.', '1e3', '¥', '--1', '12 720x', '99999999999999999'])(
    'rejects %j with InvalidInputError naming it',
    (text) => {
      expect(() => parseYuan(text)).toThrow(InvalidInputError);
      expect(() => parseYuan(text)).toThrow(`"${text}"`);
      expect(tryParseYuan(text)).toBeNull();
    },
  );
});

describe('formatYuan and formatCny', () => {
  it.each([
    [1272000, '12720.00', '¥12,720.00'], [0, '0.00', '¥0.00'], [5, '0.05', '¥0.05'],
    [-1272000, '-12720.00', '-¥12,720.00'], [100000000000, '1000000000.00', '¥1,000,000,000.00'],
    [99, '0.99', '¥0.99'], [100000, '1000.00', '¥1,000.00'],
  ])('%i fen → %s, %s', (fen, yuan, cny) => {
    expect(formatYuan(fen)).toBe(yuan);
    expect(formatCny(fen)).toBe(cny);
  });
  it('round-trips every safe fen amount through both formats', () => {
    fc.assert(fc.property(safeFen, (fen) => {
      expect(parseYuan(formatYuan(fen))).toBe(fen);
      expect(parseYuan(formatCny(fen))).toBe(fen);
    }));
  });
});

describe('Chinese uppercase amounts', () => {
  it.each([
    ['伍拾圆整', 5000], ['贰仟壹佰伍拾圆陆角叁分', 215063], ['壹万零陆佰圆整', 1060000],
    ['肆仟肆佰肆拾玖圆整', 444900], ['贰万伍仟贰佰伍拾肆圆陆角贰分', 2525462], ['叁拾元零肆角玖分', 3049],
    ['伍拾贰圆柒角', 5270], ['柒仟零壹拾捌圆捌角叁分', 701883], ['壹拾玖圆整', 1900], ['拾元正', 1000],
    ['壹万贰仟柒佰贰拾元整', 1272000], ['貳萬陸仟圓整', 2600000], ['壹億零伍萬元整', 10005000000],
    ['壹佰元零伍分', 10005], ['伍分', 5], ['陆角', 60], ['零圆整', 0], ['⊗壹佰圆整', 10000],
    ['人民币壹仟零伍元整', 100500], ['壹拾万零伍佰圆整', 10050000], ['负伍圆整', -500],
    ['壹仟万圆整', 1000000000], ['參佰肆拾伍圆', 34500], ['壹佰零伍元', 10500],
  ])('%s → %i fen', (text, fen) => {
    expect(parseChineseAmount(text)).toBe(fen);
  });
  it.each(['', '壹佰伍', '壹万伍元', '伍拾', 'abc', '壹贰元', '佰元', '壹仟壹万壹仟万元', '伍分整', '元整', '壹佰贰仟元'])(
    'rejects %j',
    (text) => {
      expect(parseChineseAmount(text)).toBeNull();
    },
  );
  it.each([
    [1272000, '壹万贰仟柒佰贰拾圆整'], [215063, '贰仟壹佰伍拾圆陆角叁分'], [5270, '伍拾贰圆柒角'],
    [701883, '柒仟零壹拾捌圆捌角叁分'], [1060000, '壹万零陆佰圆整'], [10005, '壹佰圆零伍分'], [5, '伍分'],
    [0, '零圆整'], [1000, '壹拾圆整'], [10005000000, '壹亿零伍万圆整'], [10000050000, '壹亿零伍佰圆整'], [100000000000, '壹拾亿圆整'],
    [-500, '负伍圆整'],
  ])('%i fen → %s', (fen, text) => {
    expect(toChineseAmount(fen)).toBe(text);
  });
  it('round-trips every safe fen amount', () => {
    fc.assert(fc.property(safeFen, (fen) => {
      expect(parseChineseAmount(toChineseAmount(fen))).toBe(fen);
    }), { numRuns: 2000 });
  });
  it('round-trips small amounts, where the 零 rules matter most', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => {
      expect(parseChineseAmount(toChineseAmount(fen))).toBe(fen);
    }), { numRuns: 3000 });
  });
});

describe('exact ratios', () => {
  it('formats ratios half up', () => {
    expect(ratioString(200000, 1000000)).toBe('0.2000');
    expect(ratioString(200001, 1000000)).toBe('0.2000');
    expect(ratioString(200050, 1000000)).toBe('0.2001');
    expect(ratioString(1, 3)).toBe('0.3333');
    expect(ratioString(2, 3)).toBe('0.6667');
    expect(ratioString(2, 3, 2)).toBe('0.67');
    expect(ratioString(0, 0)).toBe('0.0000');
    expect(ratioString(5, 5)).toBe('1.0000');
  });
  it('20.00% of 10000.00 does not exceed 20%; 20.01% does', () => {
    expect(exceedsRatio(200000, 1000000, '0.20')).toBe(false);
    expect(exceedsRatio(200001, 1000000, '0.20')).toBe(true);
    expect(exceedsPercent(200000, 1000000, '20')).toBe(false);
    expect(exceedsPercent(200001, 1000000, 20)).toBe(true);
    expect(reachesRatio(500000, 1000000, '0.5')).toBe(true);
    expect(reachesRatio(499999, 1000000, '0.5')).toBe(false);
  });
  it('agrees with the integer rule cut × 100 > claimed × 20 for any amounts', () => {
    fc.assert(fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 40 }), (cut, claimed) => {
      expect(exceedsRatio(cut, claimed, '0.20')).toBe(BigInt(cut) * 100n > BigInt(claimed) * 20n);
    }));
  });
  it('applies rates rounding down to the fen', () => {
    expect(applyRateDown(333, '0.5')).toBe(166);
    expect(applyRateDown(1000001, '0.30')).toBe(300000);
    expect(applyRateDown(1272000, '1')).toBe(1272000);
    expect(maxPartWithinRatio(1000001, '0.20')).toBe(200000);
  });
});
