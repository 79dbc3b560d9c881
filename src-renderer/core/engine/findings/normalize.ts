// Normalising what people and OCR write differently: company names (full-width brackets, spaces),
// phone numbers, invoice numbers.

/** NFKC (full-width brackets and letters to half-width) and no whitespace: "深圳市某某（南山）有限公司 " → "深圳市某某(南山)有限公司". */
export function normalizePartyName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

export function samePartyName(a: string, b: string): boolean {
  return normalizePartyName(a) === normalizePartyName(b);
}

/** Digits only, without a leading +86/0086 country code: "+86 138-2345-1234" → "13823451234". */
export function normalizePhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
}

/** The digits of an invoice number (full-width allowed). */
export function invoiceDigits(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '');
}
