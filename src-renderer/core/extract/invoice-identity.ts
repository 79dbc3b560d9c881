// The forms an invoice's identity is printed in, one place for every reader and check: a number of
// 8 digits (with a code) or 20 (a 数电 invoice, without), a code of 10 or 12 digits.

export function isInvoiceNumberForm(text: string): boolean {
  return /^(\d{8}|\d{20})$/.test(text);
}

export function isInvoiceCodeForm(text: string): boolean {
  return /^(\d{10}|\d{12})$/.test(text);
}
