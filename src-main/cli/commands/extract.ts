import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliCommand } from '../io';
import { UsageError, parseArgs } from '../io';
import { markDuplicates } from '../../../src-renderer/core/extract/pipeline';
import type { FileExtraction } from '../../../src-renderer/core/types';
import { createReadingPool, parseThreadCount, readingOrder, threadsFor } from '../reading-pool';

/** Errors that mean the file itself could not be read (a file read without finding an invoice is not refused). */
const READ_ERRORS_NOT_REFUSALS = new Set(['not-an-invoice']);

/** One stderr line per file that could not be read, naming it and the reason (the same form as the dossier commands). */
function describeRefusedFiles(files: readonly FileExtraction[]): string {
  return files.flatMap((extraction) => extraction.errors
    .filter((error) => !READ_ERRORS_NOT_REFUSALS.has(error.code))
    .map((error) => `dossier-desk extract: ${extraction.file}: refused (${error.code}): ${error.message.startsWith(`${extraction.file}: `) ? error.message.slice(extraction.file.length + 2) : error.message}\n`)).join('');
}

function describe(extraction: FileExtraction): string {
  const lines = [`${extraction.file}  sha256 ${extraction.sha256.slice(0, 16)}…`];
  for (const error of extraction.errors) lines.push(`  error ${error.code}: ${error.message}`);
  for (const invoice of extraction.invoices) {
    const f = invoice.fields;
    const ticket = invoice.kind === 'ticket';
    // A ticket (a passenger ticket or fixed-amount receipt, --json kind 'ticket') is marked as such:
    // it names no buyer or seller, so those lines are given only when something was read there.
    lines.push(`  ${ticket ? 'ticket ' : ''}page ${invoice.page} (${invoice.method}): ${f.invoiceCode ? `code ${f.invoiceCode} ` : ''}number ${f.invoiceNumber ?? '—'}  date ${f.issueDate ?? '—'}`);
    if (ticket) lines.push('    passenger ticket or fixed-amount receipt (客票或定额发票): no buyer or seller, not a VAT invoice');
    if (!ticket || f.buyerName || f.buyerTaxId) lines.push(`    buyer  ${f.buyerName ?? '—'}  ${f.buyerTaxId ?? ''}`);
    if (!ticket || f.sellerName || f.sellerTaxId) lines.push(`    seller ${f.sellerName ?? '—'}  ${f.sellerTaxId ?? ''}`);
    lines.push(`    amount ${f.amountExclTax ?? '—'}  tax ${f.taxAmount ?? '—'}  total ${f.totalAmount ?? '—'}  ${f.totalInWords ?? ''}`);
    for (const item of f.items.slice(0, 5)) lines.push(`    item ${item.name}  ${item.amount ?? '—'}  ${item.rate ?? ''}  ${item.tax ?? ''}`);
    if (f.items.length > 5) lines.push(`    … ${f.items.length - 5} more items`);
    if (f.remarks) lines.push(`    remarks ${f.remarks}`);
    for (const check of invoice.checks) if (!check.ok) lines.push(`    ✗ ${check.id}: ${check.message}`);
  }
  for (const contract of extraction.contracts ?? []) {
    const f = contract.fields;
    lines.push(`  contract page ${contract.page} (${contract.method}): number ${f.contractNo ?? '—'}  signed ${f.signDate ?? '—'}  term ${f.periodFrom ?? '—'} to ${f.periodTo ?? '—'}`);
    lines.push(`    party A ${f.partyA ?? '—'}  ${f.partyATaxId ?? ''}`);
    lines.push(`    party B ${f.partyB ?? '—'}  ${f.partyBTaxId ?? ''}`);
    lines.push(`    amount ${f.amount ?? '—'}  subject ${f.subject ?? '—'}`);
    for (const check of contract.checks ?? []) if (!check.ok) lines.push(`    ✗ ${check.id}: ${check.message}`);
  }
  for (const payment of extraction.payments ?? []) {
    const f = payment.fields;
    lines.push(`  payment page ${payment.page} (${payment.method}): ${f.bank ?? '—'}  date ${f.date ?? '—'}  serial ${f.serial ?? '—'}`);
    lines.push(`    payer ${f.payerName ?? '—'}  ${f.payerAccount ?? ''}  ${f.payerBank ?? ''}`.trimEnd());
    lines.push(`    payee ${f.payeeName ?? '—'}  ${f.payeeAccount ?? ''}  ${f.payeeBank ?? ''}`.trimEnd());
    lines.push(`    amount ${f.amount ?? '—'}  purpose ${f.purpose ?? '—'}`);
    for (const check of payment.checks ?? []) if (!check.ok) lines.push(`    ✗ ${check.id}: ${check.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export const extractCommand: CliCommand = {
  summary: 'read invoice, contract and bank-receipt fields from pdf/ofd/xml/jpg/png',
  usage: 'dossier-desk extract FILE... [--threads N] [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['threads'], ['json']);
    if (positionals.length === 0) throw new UsageError('name at least one FILE');
    const threads = parseThreadCount(flags.get('threads'));
    const inputs: { path: string; bytes: Uint8Array }[] = [];
    const unreadable: string[] = [];
    for (const file of positionals) {
      const path = resolve(io.cwd, file);
      try {
        const info = await stat(path);
        if (!info.isFile()) {
          unreadable.push(`${file}: not a regular file`);
          continue;
        }
        inputs.push({ path: file, bytes: new Uint8Array(await readFile(path)) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        unreadable.push(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}`);
      }
    }
    // The files are read on every core, as the app reads them (a few on this thread: starting reading
    // threads would take longer than they save); the output is the same either way.
    const pool = createReadingPool(threads ?? threadsFor(inputs.length));
    try {
      const files: FileExtraction[] = new Array<FileExtraction>(inputs.length);
      const order = readingOrder(inputs);
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(pool.lanes, inputs.length) }, async () => {
        while (next < order.length) {
          const index = order[next++]!;
          files[index] = (await pool.read(inputs[index]!)).extraction;
        }
      }));
      markDuplicates(files);
      if (flags.has('json')) io.stdout(`${JSON.stringify({ files }, null, 2)}\n`);
      else for (const extraction of files) io.stdout(describe(extraction));
      const refused = describeRefusedFiles(files);
      if (refused) io.stderr(refused);
    } finally {
      await pool.close();
    }
    if (unreadable.length > 0) {
      io.stderr(unreadable.map((line) => `dossier-desk extract: ${line}\n`).join(''));
      return 3;
    }
    return 0;
  },
};
