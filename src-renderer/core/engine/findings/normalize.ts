// Normalising what people and OCR write differently: company names (full-width brackets, spaces),
// phone numbers, invoice numbers.

/** NFKC (full-width brackets and letters to half-width) and no whitespace: "深圳市某某（南山）有限公司 " → "深圳市某某(南山)有限公司". */
export function normalizePartyName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

export function samePartyName(a: string, b: string): boolean {
  return normalizePartyName(a) === normalizePartyName(b);
}

/** Shortest name (characters, normalised) in which one misread character is still taken for the name. */
const NEAR_NAME_MIN_CHARACTERS = 8;

/**
 * The same name but for one character, as OCR misreads one (濑圳市… for 深圳市…): both normalised,
 * of equal length and at least eight characters long.
 */
export function nearlySameName(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const left = [...normalizePartyName(a)];
  const right = [...normalizePartyName(b)];
  if (left.length !== right.length || left.length < NEAR_NAME_MIN_CHARACTERS) return false;
  return left.filter((character, index) => character !== right[index]).length <= 1;
}

/** Credit codes compared without spaces, full-width forms or case. */
export function sameCreditCode(a: string | null | undefined, b: string | null | undefined): boolean {
  const clean = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return Boolean(a && b) && clean(a!) === clean(b!);
}

/** A party of an invoice as read: its name, the reader's confidence in it where not certain, its credit code. */
export interface PartyRead {
  name: string;
  confidence?: number;
  creditCode?: string | null;
}

/** Confidence below which a party name read by OCR may carry misread characters (the reader's own doubt). */
export const UNSURE_NAME_CONFIDENCE = 0.8;

/**
 * Whether an invoice's party, as read, is the expected party: its name is theirs; or, its name read
 * unsurely by OCR (`confidence` below UNSURE_NAME_CONFIDENCE; absent when certain: a text layer, XML
 * or the reviewer's correction), one character off theirs, or its credit code theirs.
 */
export function partyReadAs(read: PartyRead, expected: { name: string; creditCode?: string | null }): boolean {
  if (samePartyName(read.name, expected.name)) return true;
  if (read.confidence === undefined || read.confidence >= UNSURE_NAME_CONFIDENCE) return false;
  return nearlySameName(read.name, expected.name) || sameCreditCode(read.creditCode, expected.creditCode);
}

/**
 * Digits only, without the +86/0086 country code, landlines with their leading 0:
 * "+86 138-2345-1234" → "13823451234", "+86 755 8888 1234" → "075588881234", "0755-88881234" → "075588881234".
 */
export function normalizePhone(phone: string): string {
  let digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) digits = digits.slice(2);
  const mobile = /^1\d{10}$/.test(digits);
  if (!mobile && !digits.startsWith('0') && digits.length >= 10) digits = `0${digits}`;
  return digits;
}

/** The digits of an invoice number (full-width allowed). */
export function invoiceDigits(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '');
}
