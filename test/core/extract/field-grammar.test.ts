// Field-aware correction from the engine's per-character alternatives: the hOCR of lstm_choice_mode 2
// read into symbols, and taxpayer ids and invoice numbers mended by their grammar (a real case: the
// DiDi 数电 render I08 read "MR" for "MA" and doubled a "0"), never guessed.
import { describe, expect, it } from 'vitest';
import type { OcrResult, OcrSymbol } from '../../../src-renderer/core/ports';
import { attachSymbolChoices, readHocrWords } from '../../../src-renderer/core/extract/ocr-choices';
import { checkCompanyName, checkPlacedTaxId, completeLostCheckCharacters, correctDigits, dropStrayCharacters, withoutStrayCharacters, mendTaxIdsByPartyCity, needsTaxIdCorrection, correctFieldsByGrammar, doubtFailedTaxIds, doubtWeightlessNames, mendNameWords, correctOldTaxId, correctTaxId, readTwice, shapeOnlyTaxId, symbolsOf } from '../../../src-renderer/core/extract/field-grammar';
import { emptyDraft, setField } from '../../../src-renderer/core/extract/draft';
import { organizationCodeCheck, usccCheckCharacter, usccWellFormed } from '../../../src-renderer/core/extract/checks';

/** "A:A81/R51" → symbol A with choices A (0.81) and R (0.51). */
function symbols(spec: string): OcrSymbol[] {
  return spec.split(/\s+/).map((part) => {
    const [text, list] = part.split(':') as [string, string];
    const choices = list.split('/').map((choice) => ({ text: choice[0]!, confidence: Number(choice.slice(1)) / 100 }));
    return { text, confidence: choices.find((choice) => choice.text === text)?.confidence ?? 0.3, choices };
  });
}

// What the engine gave for the buyer's and the seller's id of I08 (shortened to the ambiguous places).
const buyer = symbols('9:995/00 1:193/L0 1:192 1:189 0:092/90 1:192 0:092 5:592/S0 M:M90 A:A81/R51/M60 0:078/O35 1:189/I0 0:087/Q84/O45 Q:Q92/059/O0 7:791 Q:Q85/847/043 U:U93/00 X:X93/K0 U:U91/H0');
const seller = symbols('9:995 1:192 5:592 1:192 0:091/90 1:192 0:092 0:092/O0 M:M90 R:R73/A64/h52 6:693 B:B90 7:791 L:L90 2:292/Z0 R:R90/B37 7:780/T55 L:L82/T52');

describe('field grammar', () => {
  it('chooses the alternative the check character confirms, and drops a doubled character', () => {
    expect(usccCheckCharacter('91510100MA6B7L2R7')).toBe('L');
    expect(correctTaxId(seller)?.text).toBe('91510100MA6B7L2R7L');
    expect(correctTaxId(buyer)?.text).toBe('91110105MA01Q7QUXU');
  });

  it('takes no alternative that passes the check by chance with an authority and a kind of organisation that never go together (97…: 9 registers only kinds 1-3)', () => {
    // A printed id that fails its check (a demo invoice's 911201103409033300), its second character read with 7 as a close alternative.
    const printed = symbols('9:995 1:170/772 1:192 2:292 0:091 1:192 1:192 0:092 3:392 4:492 0:092 9:992 0:092 3:392 3:392 3:392 0:092 0:092');
    expect(usccCheckCharacter('97120110340903330')).toBe('0');
    expect(usccWellFormed('971201103409033300')).toBe(false);
    expect(usccWellFormed('91510100MA6B7L2R7L')).toBe(true);
    expect(correctTaxId(printed)?.text).not.toBe('971201103409033300');
  });

  it('leaves an id that fails its check unsure once the page is read, however surely its characters were read', () => {
    const draft = emptyDraft();
    setField(draft, 'sellerTaxId', '911201103409033300', 0.91);
    setField(draft, 'buyerTaxId', '91510100MA6B7L2R7L', 0.93);
    doubtFailedTaxIds(draft);
    expect(draft.confidence.sellerTaxId).toBeLessThan(0.8);
    expect(draft.confidence.buyerTaxId).toBe(0.93);
  });

  it('an id whose own check passes by chance (9 misread as 8 in a demo id that fails its check) but whose organisation code fails its GB 11714 check is no id one can be issued: unsure', () => {
    expect(usccCheckCharacter('91120110340803330')).toBe('0');
    expect(organizationCodeCheck('911201103408033300')).toBe('6');
    expect(usccWellFormed('911201103408033300')).toBe(false);
    // Real credit codes pass both checks (the organisation code's check character is the 17th).
    for (const real of ['91511422MA62J75P9H', '12510000450717578Y', '92320602MA27EXJ63X', '91320594769869645C', '91110108MA001U493E', '91510100MA6B7L2R7L']) expect(usccWellFormed(real)).toBe(true);
    const draft = emptyDraft();
    setField(draft, 'sellerTaxId', '911201103408033300', 0.87);
    doubtFailedTaxIds(draft);
    expect(draft.confidence.sellerTaxId).toBeLessThan(0.8);
  });

  /** The seller's id read at this confidence, after one of the draft's last mends. */
  const sellerIdAfter = (mend: (draft: ReturnType<typeof emptyDraft>) => void, id: string, confidence: number) => {
    const draft = emptyDraft();
    setField(draft, 'sellerTaxId', id, confidence);
    mend(draft);
    return { value: draft.values.sellerTaxId, confidence: draft.confidence.sellerTaxId };
  };

  it('completes a credit code read as its first 17 characters with the check character they call for, unsure, only where its organisation code passes its own check (J01 of the ninth set)', () => {
    const completed = (id: string, confidence: number) => sellerIdAfter(completeLostCheckCharacters, id, confidence);
    expect(completed('91440101664041243', 0.9)).toEqual({ value: '91440101664041243T', confidence: 0.5 });
    // Nor is such a reading one to make up of the engine's alternatives (D03 of the fourth set: 914402016640412430 passed by chance).
    expect(needsTaxIdCorrection('91440101664041243')).toBe(false);
    expect(needsTaxIdCorrection('9144101664041243T')).toBe(true);
    expect(completed('91440101664041243', 0.25)).toEqual({ value: '91440101664041243T', confidence: 0.25 });
    expect(completed('91510100MA6B7L2R7', 0.9).value).toBe('91510100MA6B7L2R7L');
    // A character lost before the end (the 0 after 9144): the organisation code is shifted and fails its check.
    expect(organizationCodeCheck('9144101664041243T')).not.toBe('T');
    expect(completed('9144101664041243T', 0.9).value).toBe('9144101664041243T');
    // Not a credit code's shape: a region with a letter; 18 characters already.
    expect(completed('914A0101664041243', 0.9).value).toBe('914A0101664041243');
    expect(completed('91440101664041243T', 0.9).value).toBe('91440101664041243T');
  });

  it('drops the one or two stray characters of a taxpayer id read too long where exactly one way leaves a code as can be issued in a known region, unsure (96-dpi screenshots of the fifth and thirteenth sets)', () => {
    const dropped = (id: string, confidence: number) => sellerIdAfter(dropStrayCharacters, id, confidence);
    // N05 and N06 of the thirteenth set: 91310101MA1FPAPM5H with a 9 and a 1, or a 9 and an L, put in.
    expect(dropped('9131901901MA1FPAPM5H', 0.36)).toEqual({ value: '91310101MA1FPAPM5H', confidence: 0.36 });
    expect(dropped('913190101MA1LFPAPM5H', 0.9)).toEqual({ value: '91310101MA1FPAPM5H', confidence: 0.5 });
    // E03 of the fifth set: an R and a B put in. One stray character: the 0 read twice.
    expect(withoutStrayCharacters('92330781MRA2EBDMFU50')).toBe('92330781MA2EDMFU50');
    expect(withoutStrayCharacters('914401016640041243T')).toBe('91440101664041243T');
    // Dropping two characters of N05's reading also leaves codes as can be issued whose region is no city's (3190…, 1901…).
    expect(usccWellFormed('31901901MA1FPAPM5H')).toBe(true);
    // A province's own region (4400) is known. Where two ways leave codes as can be issued (the X dropped, or the 8 before it:
    // 914400000725093X8F passes both checks by chance), neither is taken; nor where a character was misread as well: the reading stays.
    expect(withoutStrayCharacters('914400000725108938F')).toBe('91440000072508938F');
    expect(usccWellFormed('914400000725093X8F')).toBe(true);
    expect(withoutStrayCharacters('9144000007250893X8F')).toBe(null);
    expect(dropped('9131901901MA1FPAPM5J', 0.36).value).toBe('9131901901MA1FPAPM5J');
    // A person's id (a sole trader's taxpayer id may be one) with a stray character: its own check places it.
    expect(withoutStrayCharacters('110105194912310A02X')).toBe('11010519491231002X');
    // Three stray characters are too many (one code in 341 passes both checks by chance); 18 characters are not too long.
    expect(withoutStrayCharacters('91319019011MA1FPAPM5H')).toBe(null);
    expect(withoutStrayCharacters('91310101MA1FPAPM5H')).toBe(null);
    expect(withoutStrayCharacters('9131901901ma1fpapm5h')).toBe(null);
  });

  /** The buyer's id, read at this confidence beside this name, after mendTaxIdsByPartyCity. */
  const mendedByCity = (name: string | null, id: string, confidence: number) => {
    const draft = emptyDraft();
    if (name) setField(draft, 'buyerName', name, 0.6);
    setField(draft, 'buyerTaxId', id, confidence);
    mendTaxIdsByPartyCity(draft);
    return { value: draft.values.buyerTaxId, confidence: draft.confidence.buyerTaxId };
  };

  it("mends a credit code's region and check character by the city its party's name begins with, unsure, only where one code of that city is as can be issued", () => {
    const mended = (name: string | null, id: string, confidence = 0.56) => mendedByCity(name, id, confidence);
    // J04 of the ninth set: 广州 (4401) read 4411, no region of GB/T 2260, and the check character T read as 7.
    expect(mended('广州霁东贸易有限公司', '914411016640412437')).toEqual({ value: '91440101664041243T', confidence: 0.5 });
    // E04 of the fifth set: 深圳 (4403) read 4408 (湛江) and A read as 4, a wrong code that passes its check by chance; read unsurely.
    expect(usccWellFormed('91440800MA5FYWC334')).toBe(true);
    expect(mended('深圳市金淘汽车贸易有限公司', '91440800MA5FYWC334')).toEqual({ value: '91440300MA5FYWC33A', confidence: 0.5 });
    // The region right, the check character misread as the digit it looks like. The reading passes a resident id's check by
    // chance, but no resident id begins 91 nor was born in 0166.
    expect(needsTaxIdCorrection('914401016640412437')).toBe(true);
    expect(needsTaxIdCorrection('11010519491231002X')).toBe(false);
    expect(mended('广州晶东贸易有限公司', '914401016640412437', 0.9)).toEqual({ value: '91440101664041243T', confidence: 0.5 });
    // Read surely and passing its check: a company that moved keeps its code under its new city's name.
    expect(mended('深圳市金淘汽车贸易有限公司', '91440800MA5FYWC334', 0.9).value).toBe('91440800MA5FYWC334');
    // The check character read is nothing like the one the city's region calls for (T read as 5).
    expect(mended('广州晶东贸易有限公司', '914411016640412435').value).toBe('914411016640412435');
    // The region two digits from the city's; a name with no city before it; a city whose code would not be one as can be issued.
    expect(mended('珠海晶东贸易有限公司', '914411016640412437').value).toBe('914411016640412437');
    expect(mended('晶东贸易有限公司', '914411016640412437').value).toBe('914411016640412437');
    expect(mended(null, '914411016640412437').value).toBe('914411016640412437');
    // The organisation code fails its own check (its 17th character misread): no city mends that.
    expect(mended('广州晶东贸易有限公司', '914411016640412457').value).toBe('914411016640412457');
  });

  it("mends an old 15-digit id's city region, one digit off the city its party's name begins with, unsure (L01 of the eleventh set: 4404 read for 4403, the name's 深 misread)", () => {
    const mended = (name: string | null, id: string, confidence = 0.5) => mendedByCity(name, id, confidence);
    expect(mended('漆圳市购机汇网绝有限公司', '440400083885931')).toEqual({ value: '440300083885931', confidence: 0.5 });
    expect(mended('深圳市购机汇网络有限公司', '440400083885931', 0.7)).toEqual({ value: '440300083885931', confidence: 0.5 });
    // Read surely; the region two digits off; the city's region read; a name with no city.
    expect(mended('深圳市购机汇网络有限公司', '440400083885931', 0.9).value).toBe('440400083885931');
    expect(mended('深圳市购机汇网络有限公司', '441500083885931').value).toBe('441500083885931');
    expect(mended('深圳市购机汇网络有限公司', '440304083882941').value).toBe('440304083882941');
    expect(mended('购机汇网络有限公司', '440400083885931').value).toBe('440400083885931');
  });

  it('gives no reading when no alternative passes the check, and a low confidence when two readings are close', () => {
    expect(correctTaxId(symbols('9:990 1:190 5:590 1:190 0:090 1:190 0:090 0:090 M:M90 R:R90 6:690 B:B90 7:790 L:L90 2:290 R:R90 7:790 L:L90').slice(0, 17))).toBeNull();
    expect(correctTaxId(seller)!.confidence).toBeLessThanOrEqual(0.85);
  });

  it('keeps a reading that needed more than one change unsure, though it passes the check (a check character passes by chance one time in 31)', () => {
    // The cut preview I15: a 19-character reading, one letter changed and one character dropped, passed its check as a wrong id.
    const twice = symbols('9:995 1:192 5:592 1:192 0:091/90 1:192 0:092 0:092 0:092 M:M90 R:R73/A64 6:693 B:B90 7:791 L:L90 2:292/Z0 R:R90/B37 7:780/T55 L:L82/T52');
    // Two changes find another string that passes too (the doubled 0 kept, the 7 dropped): it must not be sure.
    // That one (915101000MR6BL2R7L) passes the code's own check by chance but not its organisation
    // code's: it is not taken; whatever is taken stays unsure.
    const chosen = correctTaxId(twice);
    expect(chosen?.text).not.toBe('915101000MR6BL2R7L');
    expect(chosen === null || chosen.confidence < 0.8).toBe(true);
  });

  it('reads a made-up id printed with a doubled character as 18 characters of the credit-code alphabet, at a low confidence, when no reading passes the check', () => {
    // The synthetic render I11 prints 91011111AA2AAAAA00 (no valid check character); the engine read "0O0".
    const doubled = symbols('9:990 1:190 0:090 1:190 1:190 1:190 1:190 1:190 A:A90 A:A90 2:290 A:A90 A:A90 A:A90 A:A90 A:A90 0:090 O:O60/030 0:080');
    expect(correctTaxId(doubled)).toBeNull();
    const shaped = shapeOnlyTaxId(doubled)!;
    expect(shaped.text).toBe('91011111AA2AAAAA00');
    expect(shaped.confidence).toBeLessThan(0.5);
    const draft = emptyDraft();
    setField(draft, 'buyerTaxId', '91011111AA2AAAAA0O0', 0.52);
    const word = { text: '91011111AA2AAAAA0O0', confidence: 0.5, box: [0, 10, 100, 20] as [number, number, number, number], line: 0, symbols: doubled };
    correctFieldsByGrammar(draft, { text: '', confidence: 0.8, lines: [], words: [word] });
    expect([draft.values.buyerTaxId, draft.confidence.buyerTaxId]).toEqual(['91011111AA2AAAAA00', shaped.confidence]);
    expect(shapeOnlyTaxId(doubled.slice(0, 16))).toBeNull();
  });

  it('places a failed check on the one character read unsurely, unsure itself, and on nothing when every character was read surely', () => {
    // As the cut preview I15 read its buyer's id: the check character (J) read as 0 at 0.75, its alternatives no character that passes.
    const lastUnsure = symbols('9:992 1:192 3:391 2:290 0:091 5:590 8:891 3:391 M:M90 A:A91 1:192 N:N90 5:591 P:P90 Q:Q92 8:891 6:692 0:075/刃36/U35');
    expect(correctTaxId(lastUnsure)).toBeNull();
    expect(checkPlacedTaxId(lastUnsure)).toEqual({ text: '91320583MA1N5PQ863', confidence: 0.5 });
    const draft = emptyDraft();
    setField(draft, 'sellerTaxId', '91320583MA1N5PQ860', 0.57);
    const word = { text: '91320583MA1N5PQ860', confidence: 0.57, box: [0, 10, 100, 20] as [number, number, number, number], line: 0, symbols: lastUnsure };
    correctFieldsByGrammar(draft, { text: '', confidence: 0.8, lines: [], words: [word] });
    expect([draft.values.sellerTaxId, draft.confidence.sellerTaxId]).toEqual(['91320583MA1N5PQ863', 0.5]);
    // Every character read surely: a made-up id printed with a wrong check character stays as read.
    expect(checkPlacedTaxId(symbols('9:992 1:192 3:391 2:290 0:091 5:590 8:891 3:391 M:M90 A:A91 1:192 N:N90 5:591 P:P90 Q:Q92 8:891 6:692 0:090'))).toBeNull();
  });

  it('is unsure of a credit code whose check passes only by a weak alternative of a surely read character (the print may fail its check)', () => {
    // The seller's id of the demo invoice O01 drawn at screen resolution: printed 91500102563638729E,
    // which fails its own check (5); every character read at 0.9 or more, the E listing 5 at 0.09.
    const printed = symbols('9:996 1:194 5:594 0:094 0:094 1:194 0:094 2:294 5:594 6:694 3:394 6:694 3:393 8:894 7:794 2:295 9:995 E:E90/F54/509');
    expect(usccCheckCharacter('91500102563638729')).toBe('5');
    expect(correctTaxId(printed)).toEqual({ text: '915001025636387295', confidence: 0.5 });
    // The same E read unsurely: the check's reading is a clear choice, as before.
    const unsure = symbols('9:996 1:194 5:594 0:094 0:094 1:194 0:094 2:294 5:594 6:694 3:394 6:694 3:393 8:894 7:794 2:295 9:995 E:E60/F54/509');
    expect(correctTaxId(unsure)).toEqual({ text: '915001025636387295', confidence: 0.85 });
  });

  it('places a failed check, of several unsure characters, on the one whose listed alternative passes it', () => {
    // As I15's seller id 91440101MA5AL52Y44: "MA5AL" read "MA5RL", the A unsure (R close behind), the R unsure with A listed at no confidence.
    const twoUnsure = symbols('9:994 1:191 4:491 4:491 0:090 1:189 0:091 1:191 M:M90 A:A67/R60/h36 5:592 R:R79/A0/h0 L:L91 5:591 2:292 Y:Y91 4:492 4:489');
    expect(correctTaxId(twoUnsure)).toBeNull();
    expect(checkPlacedTaxId(twoUnsure)).toEqual({ text: '91440101MA5AL52Y44', confidence: 0.5 });
    // Four unsure characters: too many places for the fault, nothing is placed.
    const manyUnsure = symbols('9:994 1:191 4:470 4:470 0:090 1:189 0:091 1:191 M:M90 A:A67/R60/h36 5:592 R:R79/A0/h0 L:L91 5:591 2:292 Y:Y91 4:492 4:489');
    expect(checkPlacedTaxId(manyUnsure)).toBeNull();
  });

  it('gives a name that is only a legal form a low confidence, and mends a misread 有 of 有限公司 unsurely', () => {
    // The masked scan I09: the buyer's name before 股份有限公司 was not read; the seller's 有 read as 朋.
    expect(checkCompanyName('股份有限公司')!.confidence).toBeLessThan(0.5);
    expect(checkCompanyName('上海圆迈贸易朋限公司')).toEqual({ text: '上海圆迈贸易有限公司', confidence: 0.6 });
    expect(checkCompanyName('深圳某某科技朋限责任公司')?.text).toBe('深圳某某科技有限责任公司');
    // 限 or 司 misread, as a photographed dot-matrix name reads.
    expect(checkCompanyName('深圳市购机汇网络有隅公司')).toEqual({ text: '深圳市购机汇网络有限公司', confidence: 0.6 });
    expect(checkCompanyName('深圳市购机汇网络有限公可')?.text).toBe('深圳市购机汇网络有限公司');
    expect(checkCompanyName('深圳某某科技有隐责任公司')?.text).toBe('深圳某某科技有限责任公司');
    expect(checkCompanyName('有隅公司')).toBeNull();
    expect(checkCompanyName('上海圆迈贸易有限公司')).toBeNull();
    expect(checkCompanyName('中国移动通信集团四川有限公司成都分公司')).toBeNull();
    const draft = emptyDraft();
    setField(draft, 'sellerName', '上海圆迈贸易朋限公司', 0.89);
    setField(draft, 'buyerName', '股份有限公司', 0.92);
    correctFieldsByGrammar(draft, { text: '', confidence: 0.8, lines: [], words: [] });
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['上海圆迈贸易有限公司', 0.6]);
    expect([draft.values.buyerName, draft.confidence.buyerName]).toEqual(['股份有限公司', 0.2]);
  });

  it('reads digit-only numbers from digit alternatives and drops a stray mark', () => {
    expect(correctDigits(symbols('3:390 3:390 2:290 O:O80/070 7:790 |:|60 6:690 7:790 5:590'), 8)?.text).toBe('33207675');
    expect(correctDigits(symbols('3:390 3:390 2:290'), 8)).toBeNull();
  });

  it('finds the symbols of a field value on its OCR line and corrects the draft, leaving valid values alone', () => {
    const word = (text: string, syms: OcrSymbol[], x: number, line: number) => ({ text, confidence: 0.5, box: [x, 10, 100, 20] as [number, number, number, number], line, symbols: syms });
    const result: OcrResult = {
      text: '',
      confidence: 0.8,
      lines: [],
      words: [word('纳税人识别号:', symbols('纳:纳90 税:税90 人:人90 识:识90 别:别90 号:号90 ::90'), 0, 0), word('91510100MR6B7L2R7L', seller, 120, 0), word('91440106068698695J', symbols('9:990 1:190 4:490 4:490 0:090 1:190 0:090 6:690 0:090 6:690 8:890 6:690 9:990 8:890 6:690 9:990 5:590 J:J90'), 0, 1)],
    };
    expect(symbolsOf(result, '91510100MR6B7L2R7L')).toHaveLength(18);
    const draft = emptyDraft();
    setField(draft, 'sellerTaxId', '91510100MR6B7L2R7L', 0.39);
    setField(draft, 'buyerTaxId', '91440106068698695J', 0.9);
    setField(draft, 'buyerName', '飞翔增值税发票管理软件1#/8575/-4>>29+9659<+609<35', 0.8);
    correctFieldsByGrammar(draft, result);
    expect(draft.values.buyerName).toBe('飞翔增值税发票管理软件');
    expect(draft.confidence.buyerName).toBeLessThanOrEqual(0.5);
    expect(draft.values.sellerTaxId).toBe('91510100MA6B7L2R7L');
    expect(draft.values.buyerTaxId).toBe('91440106068698695J');
    expect(draft.confidence.buyerTaxId).toBe(0.9);
  });

  it('an old 15-character taxpayer id read one character too long is cut only where the engine read one glyph twice, unsure', () => {
    // A "4" read as "4d": both places weigh 4 and d (as I02's seller id read).
    const twice = symbols('3:394 3:394 1:193 0:094 6:694 4:494/d89 d:d90/488 1:191 0:093 9:994 8:894 7:794 6:695 5:595 4:494 3:395');
    expect(readTwice(twice, 5)).toBe(true);
    expect(readTwice(twice, 4)).toBe(false);
    expect(correctOldTaxId(twice)).toEqual({ text: '331064109876543', confidence: 0.5 });
    // Sixteen characters and no glyph read twice: one may be missing as well as one too many; nothing is cut.
    expect(correctOldTaxId(symbols('3:394 3:394 1:193 0:094 6:694 4:494 d:d90 1:191 0:093 9:994 8:894 7:794 6:695 5:595 4:494 3:395'))).toBeNull();
    // Two alike characters ("44") are not one glyph read twice.
    expect(readTwice(symbols('4:494/d89 4:494/d89'), 0)).toBe(false);
    const draft = emptyDraft();
    const value = '331064D109876543';
    setField(draft, 'sellerTaxId', value, 0.47);
    correctFieldsByGrammar(draft, { text: '', confidence: 0.8, lines: [], words: [{ text: `_${value}`, confidence: 0.47, box: [0, 10, 100, 20], line: 0, symbols: [{ text: '_', confidence: 0, choices: [{ text: ':', confidence: 0.87 }] }, ...twice] }] });
    expect([draft.values.sellerTaxId, draft.confidence.sellerTaxId]).toEqual(['331064109876543', 0.5]);
  });

  it('reads the per-character alternatives of an hOCR page (lstm_choice_mode 2), skipping blank steps', () => {
    const hocr = `<div class='ocr_page'><span class='ocrx_word' id='word_1_1' title='bbox 10 20 70 50; x_wconf 40'>MR
     <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
      <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 95.2'> </span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
      <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 90.3'>M</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_3'>
      <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 73.4'>R</span>
      <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 63.5'>A</span></span>
    </span></div>`;
    const [parsed] = readHocrWords(hocr);
    expect(parsed?.box).toEqual([10, 20, 60, 30]);
    expect(parsed?.symbols.map((symbol) => [symbol.text, symbol.choices.map((choice) => choice.text).join('')])).toEqual([['M', 'M'], ['R', 'RA']]);
    const result = attachSymbolChoices({ text: 'MR', confidence: 0.4, lines: [], words: [{ text: 'MR', confidence: 0.4, box: [10, 20, 60, 30] }] }, hocr);
    expect(result.words[0]!.symbols?.[1]?.choices[1]).toEqual({ text: 'A', confidence: 0.635 });
  });

  it('makes a party name unsure when one of its characters weighs nothing among the engine\'s choices, and leaves a name read with weight alone', () => {
    // O23 drawn as a picture: 通 read 透 at 0.00 inside a word read at 0.81; 店 and 社 read with weight.
    const misread = symbols('中:中97 国:国96 移:移95 动:动96 透:透0/秽0 信:信95');
    const weighed = symbols('武:武96 侯:侯95 区:区97 火:火93 锅:锅90 店:店97');
    const word = (text: string, line: number, wordSymbols: OcrSymbol[]) => ({ text, confidence: 0.81, box: [0, line * 30, 120, 20] as [number, number, number, number], line, symbols: wordSymbols });
    const draft = emptyDraft();
    setField(draft, 'buyerName', '中国移动透信', 0.81);
    setField(draft, 'sellerName', '武侯区火锅店', 0.9);
    doubtWeightlessNames(draft, { text: '', confidence: 0.8, lines: [], words: [word('中国移动透信', 0, misread), word('武侯区火锅店', 1, weighed)] });
    expect([draft.values.buyerName, draft.confidence.buyerName]).toEqual(['中国移动透信', 0.7]);
    expect(draft.confidence.sellerName).toBe(0.9);
  });

  it('mends a place or trade word one character off in a name read unsurely, unsure; a name read surely stays', () => {
    const draft = emptyDraft();
    setField(draft, 'buyerName', '摄圳市购机汇网雒有限公司', 0.54, [10, 10, 100, 10]);
    setField(draft, 'sellerName', '广州智东氯易有限公司', 0.85, [10, 30, 100, 10]);
    mendNameWords(draft);
    expect([draft.values.buyerName, draft.confidence.buyerName, draft.boxes.buyerName]).toEqual(['深圳市购机汇网络有限公司', 0.54, [10, 10, 100, 10]]);
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['广州智东氯易有限公司', 0.85]);
    setField(draft, 'sellerName', '广州智东氯易有限公司', 0.79, [10, 30, 100, 10]);
    mendNameWords(draft);
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['广州智东贸易有限公司', 0.6]);
  });
});
