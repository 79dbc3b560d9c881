// Normalising what people and OCR write differently: company names (full-width brackets, spaces),
// phone numbers, invoice numbers.

/** NFKC (full-width brackets and letters to half-width) and no whitespace: "深圳市某某（南山）有限公司 " → "深圳市某某(南山)有限公司". */
export function normalizePartyName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

export function samePartyName(a: string, b: string): boolean {
  return normalizePartyName(a) === normalizePartyName(b);
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
