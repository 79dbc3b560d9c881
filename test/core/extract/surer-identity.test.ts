// Two readings of one page (the page found in a photo, then the whole photo) merged: the identity
// they disagree on is the one read more surely, unsure.
import { describe, expect, it } from 'vitest';
import { emptyDraft, mergeDrafts, setField } from '../../../src-renderer/core/extract/draft';
import { withSurerIdentity } from '../../../src-renderer/core/extract/pipeline';

function reading(fields: Record<string, [string, number]>) {
  const draft = emptyDraft();
  for (const [field, [value, confidence]] of Object.entries(fields)) setField(draft, field as Parameters<typeof setField>[1], value, confidence);
  return draft;
}

describe('two readings of one page merged', () => {
  it('takes the number and the code the other reading read more surely, unsure; the stronger reading keeps the rest (G03 of the seventh set)', () => {
    const whole = reading({ invoiceCode: ['4400154130', 0.6], invoiceNumber: ['18871541', 0.21], buyerName: ['深圳市购机汇网络有限公司', 0.6] });
    const page = reading({ invoiceCode: ['4400154180', 0.3], invoiceNumber: ['12271541', 0.5], buyerName: ['深圳市购机汇网络有限司', 0.9] });
    const merged = withSurerIdentity(mergeDrafts(whole, page), page);
    expect(merged.values).toMatchObject({ invoiceCode: '4400154130', invoiceNumber: '12271541', buyerName: '深圳市购机汇网络有限公司' });
    expect(merged.confidence.invoiceNumber).toBe(0.5);
    // Read surely by the other reading, still unsure: the two readings disagreed.
    const sure = reading({ invoiceNumber: ['12271541', 0.95] });
    expect(withSurerIdentity(mergeDrafts(whole, sure), sure).confidence.invoiceNumber).toBe(0.5);
    // Alike, or the other reading less sure: as merged.
    expect(withSurerIdentity(mergeDrafts(whole, reading({ invoiceNumber: ['18871541', 0.9] })), reading({ invoiceNumber: ['18871541', 0.9] })).confidence.invoiceNumber).toBe(0.21);
    expect(withSurerIdentity(mergeDrafts(page, whole), whole).values.invoiceNumber).toBe('12271541');
  });
});
