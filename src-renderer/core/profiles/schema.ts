// The program profile format (`dossier-desk/profile@1`): every rule of a funding program as data,
// each with the clause of the notice it comes from. Amounts are yuan strings in the file and
// integer fen after parsing; ratios, rates and scores stay exact decimal strings.

import { z } from 'zod';
import { tryParseYuan } from '../money/yuan';
import { isDecimal } from '../money/decimal';
import { DOCUMENT_KINDS } from '../types';

const text = z.string().trim().min(1, { message: 'must not be empty' });
const identifier = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'must be a lower-case id such as "basic.revenue"' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' });
const clause = text.describe('the clause of the notice, e.g. "四(一)3"');
const localized = z.strictObject({ zh: text, en: text });

const yuanAmount = z.string().transform((value, ctx) => {
  const fen = tryParseYuan(value);
  if (fen === null || fen < 0) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a non-negative amount in yuan such as "100000.00"` });
    return z.NEVER;
  }
  return fen;
});
const ratio = z.string().refine((value) => /^(0(\.\d+)?|1(\.0+)?)$/.test(value), {
  message: 'must be a ratio between 0 and 1 as a decimal string, e.g. "0.20"',
});
const points = z.string().regex(/^\d+(\.\d{1,2})?$/, {
  message: 'must be a non-negative number of points with at most 2 decimals, e.g. "12.5"',
});

export const categorySchema = z.strictObject({ id: identifier, label: localized, clause });

const eligibilityItemSchema = z.strictObject({
  id: identifier,
  label: localized,
  categories: z.array(identifier).nullable(),
  threshold: z.strictObject({
    fact: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { message: 'must name an applicant fact such as "staffInShenzhen"' }),
    min: z.string().refine(isDecimal, { message: 'must be a decimal number' }),
    unit: z.enum(['count', 'yuan', 'years']),
  }).nullable(),
  clause,
});

// The formal pre-review (形式预审): how a file is recognised by its content as a document of a
// material item (phrases found in its first pages, each with a weight; a phrase in the title counts
// twice), and what the pre-reviewer checks of the item where the notice says so.
const signalSchema = z.strictObject({
  text,
  weight: z.number().int().min(-20).max(20).refine((value) => value !== 0, { message: 'must not be 0' }),
});

export const recognitionSchema = z.strictObject({
  id: identifier.describe('the document type, unique in the profile, e.g. "audit-report"'),
  kind: z.enum(DOCUMENT_KINDS),
  label: localized,
  signals: z.array(signalSchema).min(1),
  minScore: z.number().int().positive(),
  /** The item is present only when a document of each required type is found. */
  required: z.boolean(),
});

const documentType = identifier.describe('a recognition id of the same item');
const listColumnSchema = z.strictObject({
  id: identifier,
  label: localized,
  headers: z.array(text).min(1),
});

export const materialCheckSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('years'), documentType, years: z.array(z.number().int().min(1990).max(2100)).min(1), clause }),
  z.strictObject({ type: z.literal('date-window'), documentType, from: isoDate, to: isoDate, dateLabels: z.array(text), basis: localized, clause }),
  z.strictObject({ type: z.literal('max-chars'), documentType, max: z.number().int().positive(), clause }),
  z.strictObject({ type: z.literal('max-pages'), documentType, max: z.number().int().positive(), clause }),
  z.strictObject({
    type: z.literal('list-template'),
    documentType,
    columns: z.array(listColumnSchema).min(1),
    amountColumn: identifier.nullable(),
    distinctColumn: identifier.nullable(),
    thresholds: z.array(z.strictObject({ measure: z.enum(['total', 'distinct', 'rows']), fact: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/) })),
    clause,
  }),
  z.strictObject({
    type: z.literal('file-format'),
    formats: z.array(z.enum(['pdf', 'jpg', 'png', 'ofd', 'xml', 'csv', 'xlsx'])).min(1),
    maxBytes: z.number().int().positive().nullable(),
    multiPageAsOnePdf: z.boolean(),
    clause,
  }),
]);

const materialItemSchema = z.strictObject({
  id: identifier,
  label: localized,
  categories: z.array(identifier).nullable(),
  whenRegisteredIn: z.array(text).nullable(),
  whenNotRegisteredIn: z.array(text).nullable(),
  documentKinds: z.array(z.enum(DOCUMENT_KINDS)),
  clause,
  recognize: z.array(recognitionSchema).optional(),
  checks: z.array(materialCheckSchema).optional(),
});

const excludedServiceSchema = z.strictObject({
  id: identifier,
  label: localized,
  keywords: z.array(text),
  invoiceItemCategories: z.array(z.string().regex(/^\*[^*]+\*$/, { message: 'must look like "*信息技术服务*"' })),
  clause,
});

const categorySubsidySchema = z.strictObject({
  rate: ratio,
  capPerContract: yuanAmount.nullable(),
  capPerFirmPerYear: yuanAmount.nullable(),
  clause,
});

const subsidySchema = z.strictObject({
  base: z.enum(['approved', 'approved-capped-by-paid']),
  rounding: z.literal('down-to-fen'),
  byCategory: z.record(identifier, categorySubsidySchema),
  /**
   * What one service provider may receive over the whole round, on payable subsidies (after each
   * firm's yearly cap): a fixed amount, a share of the city's total issue, or both (the lower applies).
   */
  providerCaps: z.array(z.strictObject({ label: localized, capPerProvider: yuanAmount.nullable(), shareOfIssue: ratio.nullable().optional(), clause })),
  singleDirectionPerCycle: z.strictObject({ clause }).nullable(),
  clause,
});

const criterionSchema = z.strictObject({ id: identifier, label: localized, max: points });
const dimensionSchema = z.strictObject({ id: identifier, label: localized, criteria: z.array(criterionSchema).min(1) });
const bandSchema = z.strictObject({
  label: text,
  min: points,
  max: points.nullable(),
  awardCap: z.record(identifier, yuanAmount),
});

/**
 * When a reviewer must explain the scores: a comment on every criterion when the total falls in one
 * of `bands` (by label) or under the lowest band, and an overall opinion before signing off.
 */
const commentsRequiredSchema = z.strictObject({
  bands: z.array(text),
  belowLowestBand: z.boolean(),
  opinion: z.boolean(),
  note: localized,
  clause,
});

const scoringSchema = z.strictObject({
  totalMax: points,
  weightsOfficial: z.boolean(),
  weightsNote: localized,
  dimensions: z.array(dimensionSchema).min(1),
  bands: z.array(bandSchema).min(1),
  commentsRequired: commentsRequiredSchema.nullable().optional(),
  clause,
});

const declaredListSchema = z.strictObject({
  kind: z.enum(['revenue', 'purchases']),
  label: localized,
  counterparty: z.strictObject({
    role: z.enum(['customer', 'provider']),
    /** Administrative-division prefixes the counterparty's unified credit code must carry (characters 3-8), e.g. "4403" for Shenzhen; null: anywhere. */
    creditCodeRegions: z.array(z.string().regex(/^\d{2,6}$/, { message: 'must be 2 to 6 digits of an administrative division code, e.g. "4403"' })).min(1).nullable(),
    regionLabel: localized.nullable(),
    clause,
  }),
  contractRequired: z.strictObject({ clause }).nullable(),
  /** Eligibility items (unit yuan) whose threshold the approved total of the declared list must reach. */
  approvedTotalAgainst: z.array(identifier),
  /** Eligibility items (unit count) whose threshold the number of distinct eligible counterparties must reach. */
  distinctCounterpartiesAgainst: z.array(identifier),
  clause,
});

export const profileSchema = z.strictObject({
  schema: z.literal('dossier-desk/profile@1', { message: 'must be "dossier-desk/profile@1"' }),
  id: identifier,
  version: text,
  name: localized,
  effective: z.strictObject({ from: isoDate, to: isoDate.nullable() }),
  source: z.strictObject({ notice: text, title: text, issuer: text, date: isoDate.nullable() }),
  categories: z.array(categorySchema).min(1, { message: 'must list at least one applicant category' }),
  invoiceParties: z.strictObject({ applicantIs: z.enum(['buyer', 'seller']), clause }),
  eligibleWindow: z.strictObject({
    from: isoDate, to: isoDate, basis: z.literal('invoice-date'), clause,
    /** Invoices dated after `to` move to the next round (not rejected), where the notice says so. */
    laterToNextRound: z.strictObject({ clause }).nullable().optional(),
  }).nullable(),
  declaredList: declaredListSchema,
  invoiceRules: z.strictObject({
    invoiceRequiredClause: clause.nullable(),
    amountMatchClause: clause.nullable(),
    duplicateClause: clause.nullable(),
    /**
     * The clause by which a row's invoice names its parties (the buyer's heading and the seller's seal
     * agree with the contract). A passenger ticket or receipt invoice (客票, a taxi receipt, 定额发票:
     * ExtractedInvoice.kind 'ticket') names neither, so it is never a row's invoice evidence; the
     * proposal cites this clause (absent: the invoice-required clause). null where the notice names none.
     */
    ticketNotInvoiceClause: clause.nullable().optional(),
  }),
  payment: z.strictObject({
    proofRequired: z.boolean(),
    /** Who pays on the receipts: the applicant (it buys) or the counterparty (a customer paying the applicant). */
    payer: z.enum(['applicant', 'counterparty']),
    /** whole-amount: the invoiced amount must be paid; own-share: at least minRatioOfInvoice of it (the voucher pays the rest). */
    basis: z.enum(['whole-amount', 'own-share']),
    minRatioOfInvoice: ratio.nullable(),
    clause,
  }),
  coveredServices: z.array(z.strictObject({ id: identifier, label: localized, clause })),
  excludedServices: z.array(excludedServiceSchema),
  auditCut: z.strictObject({ threshold: ratio, consequence: localized, clause: clause.nullable() }),
  subsidy: subsidySchema.nullable(),
  eligibility: z.array(eligibilityItemSchema),
  materials: z.array(materialItemSchema),
  scoring: scoringSchema.nullable(),
  crossDossier: z.strictObject({ sameContact: z.strictObject({ clause }).nullable() }),
  deadlines: z.array(z.strictObject({ id: identifier, label: localized, at: text, clause })),
  notes: z.array(z.strictObject({ text: localized, clause })),
});

export type Profile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileCategory = Profile['categories'][number];
export type ProfileScoring = NonNullable<Profile['scoring']>;
export type ScoreBand = ProfileScoring['bands'][number];
export type CommentsRequired = NonNullable<ProfileScoring['commentsRequired']>;
export type RubricCriterion = ProfileScoring['dimensions'][number]['criteria'][number];
export type ProfileSubsidy = NonNullable<Profile['subsidy']>;
export type CategorySubsidy = ProfileSubsidy['byCategory'][string];
export type EligibilityItem = Profile['eligibility'][number];
export type MaterialItem = Profile['materials'][number];
export type MaterialRecognition = z.output<typeof recognitionSchema>;
export type MaterialCheck = z.output<typeof materialCheckSchema>;
export type ExcludedService = Profile['excludedServices'][number];
export type DeclaredListRule = Profile['declaredList'];
