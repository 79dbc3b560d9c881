// Money in integer fen (1 yuan = 100 fen): parsing and formatting of yuan strings and of Chinese
// uppercase amounts, and exact ratios. Never floating point. The pieces live in ./money/.

export { parseYuan, tryParseYuan, formatYuan, formatCny } from './money/yuan';
export { parseChineseAmount, toChineseAmount } from './money/chinese-amount';
export {
  ratioString, percentString, ratioAsPercent, exceedsRatio, exceedsPercent, reachesRatio, applyRateDown, maxPartWithinRatio,
} from './money/ratio';
export { shareProRata } from './money/pro-rata';
