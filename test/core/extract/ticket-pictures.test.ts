// Generated invoices without a VAT layout (test/fixtures/invoices/tickets.ts): a bus ticket on its green
// patterned ground photographed at an angle, a taxi receipt shaded, a 定额发票 compressed hard, read by
// OCR; and each as a text PDF, read from its text layer. Floors are what is read today; every value
// read is a ticket's (no party, no tax) and none is confidently wrong.
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { TICKET_EFFECTS, TICKET_KINDS, type TicketKind, syntheticTicket, ticketPicture, ticketTextPdf, ticketTruth } from '../../fixtures/invoices/tickets';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

/**
 * Fields read right of the ticket's code, number, date and total (the 定额发票 prints no date: 3). The
 * shaded taxi receipt: its page finder takes the title block above its rule for the page; that part
 * reads as no invoice, so the picture is read whole (pipeline readImage).
 */
const floors: Record<TicketKind, number> = { bus: 4, taxi: 4, fixed: 3 };
const CONFIDENT = 0.8;

describe('tickets and receipt invoices (generated)', () => {
  it.each(TICKET_KINDS.map((kind, index) => [kind, index] as const))('%s ticket photographed: a ticket, its fields at or above the floor, none confidently wrong', { timeout: 300_000 }, async (kind, index) => {
    const ticket = syntheticTicket(kind, 900 + index);
    const picture = await ticketPicture(ticket, TICKET_EFFECTS[kind], index + 1);
    const result = await extractFile({ path: `ticket-${kind}.${picture.extension}`, bytes: new Uint8Array(picture.bytes) }, ports);
    const truth: Record<string, string | null> = ticketTruth(ticket);
    const invoice = result.invoices[0];
    const right = invoice ? Object.keys(truth).filter((field) => truth[field] !== null && invoice.fields[field as keyof typeof invoice.fields] === truth[field]) : [];
    expect(right.length).toBeGreaterThanOrEqual(floors[kind]);
    if (!invoice) return;
    expect(invoice.kind).toBe('ticket');
    expect([invoice.fields.buyerName, invoice.fields.sellerName, invoice.fields.buyerTaxId, invoice.fields.sellerTaxId, invoice.fields.taxAmount]).toEqual([null, null, null, null, null]);
    const confidentlyWrong = Object.keys(truth).filter((field) => {
      const value = invoice.fields[field as keyof typeof invoice.fields];
      return value !== null && value !== truth[field] && (invoice.confidence[field as keyof typeof invoice.confidence] ?? 0) >= CONFIDENT;
    });
    expect(confidentlyWrong).toEqual([]);
  });

  it.each(TICKET_KINDS.map((kind, index) => [kind, index] as const))('%s ticket as a text PDF: read from its text layer alone, every field, a ticket not asked for amount + tax, every check passed', { timeout: 120_000 }, async (kind, index) => {
    const ticket = syntheticTicket(kind, 900 + index);
    const result = await extractFile({ path: `ticket-${kind}.pdf`, bytes: new Uint8Array(await ticketTextPdf(ticket)) }, ports);
    const invoice = result.invoices[0]!;
    expect(invoice.method).toBe('text');
    expect(invoice.kind).toBe('ticket');
    expect(invoice.fields).toMatchObject(ticketTruth(ticket));
    expect(invoice.checks.map((check) => check.id)).not.toContain('amount-plus-tax');
    expect(invoice.checks.filter((check) => !check.ok)).toEqual([]);
  });
});
