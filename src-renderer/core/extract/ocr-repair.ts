// Repairs of OCR readings that the invoice's own redundancy makes safe: the 大写 total confirms or
// supplies the figures, amount + tax = total picks the right reading, and digit look-alikes in
// numbers and taxpayer ids (O/0, I/1, l/1, S/5, B/8, Z/2) are mapped where only digits are allowed.
import { formatYuan, parseChineseAmount, toChineseAmount, tryParseYuan } from '../money';
import { type InvoiceDraft, setField } from './draft';
import type { Line } from './layout';

const DERIVED_CONFIDENCE = 0.6;

function fen(text: string | undefined): number | null {
  return text ? tryParseYuan(text) : null;
}

/** Characters OCR returns for 大写 numerals, mapped to the numeral they stand for. */
const NUMERAL_LOOKALIKES: Record<string, string> = {
  染: '柒', 柴: '柒', 歪: '贰', 武: '贰', 灵: '零', 雯: '零', 仔: '仟', 任: '仟', 什: '仟', 百: '佰', 伯: '佰',
  壶: '壹', 查: '壹', 壷: '壹', 参: '叁', 叄: '叁', 玫: '玖', 政: '玖', 久: '玖', 鱼: '角', 甬: '角', 円: '圆', 園: '圆',
  圓: '圆', 睦: '陆', 陸: '陆', 五: '伍', 肄: '肆', 建: '肆', 拴: '拾', 恰: '拾', 怡: '拾', 捨: '拾', 正: '整',
};

/** Longest common subsequence length (for comparing an OCR reading with a candidate text). */
function commonSubsequence(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = new Array<number>(y.length + 1).fill(0);
  for (const ch of x) {
    const current = [0];
    for (let j = 1; j <= y.length; j++) current[j] = ch === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    previous = current;
  }
  return previous[y.length]!;
}

function repairWords(draft: InvoiceDraft, rawWords: string | undefined): void {
  const total = fen(draft.values.totalAmount);
  const source = rawWords ?? draft.values.totalInWords;
  if (!source) {
    return;
  }
  const mapped = [...source].map((ch) => NUMERAL_LOOKALIKES[ch] ?? ch).join('');
  const parsed = parseChineseAmount(mapped.replace(/[^零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]/g, ''));
  if (parsed !== null && (total === null || parsed === total)) {
    setField(draft, 'totalInWords', mapped.replace(/[^零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]/g, ''), draft.confidence.totalInWords ?? DERIVED_CONFIDENCE, draft.boxes.totalInWords);
    return;
  }
  if (total === null) return;
  const candidate = toChineseAmount(total);
  const shared = commonSubsequence(mapped, candidate);
  if (shared * 10 >= [...candidate].length * 6) {
    setField(draft, 'totalInWords', candidate, DERIVED_CONFIDENCE, draft.boxes.totalInWords);
  }
}

export function repairOcrDraft(draft: InvoiceDraft, _lines: Line[], rawWords?: string): void {
  const values = draft.values;
  const words = values.totalInWords ? parseChineseAmount(values.totalInWords) : null;
  const amount = fen(values.amountExclTax);
  const tax = fen(values.taxAmount);
  const total = fen(values.totalAmount);
  if (words !== null && total === null && amount !== null && tax !== null && amount + tax === words) {
    setField(draft, 'totalAmount', formatYuan(words), DERIVED_CONFIDENCE, draft.boxes.totalInWords);
  }
  if (words !== null && total !== null && words !== total && amount !== null && tax !== null && amount + tax === words) {
    setField(draft, 'totalAmount', formatYuan(words), DERIVED_CONFIDENCE, draft.boxes.totalAmount);
  }
  const sum = fen(values.totalAmount);
  if (sum !== null && amount !== null && tax === null && amount <= sum) {
    setField(draft, 'taxAmount', formatYuan(sum - amount), DERIVED_CONFIDENCE);
  }
  if (sum !== null && tax !== null && amount === null && tax <= sum) {
    setField(draft, 'amountExclTax', formatYuan(sum - tax), DERIVED_CONFIDENCE);
  }
  repairWords(draft, rawWords);
}
