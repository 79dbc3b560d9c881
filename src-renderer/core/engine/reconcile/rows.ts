// The proposals of each declared row, exactly as DESIGN.md orders them: the first whole-row defect
// (missing-invoice, party-mismatch, related-party, customer-not-eligible, out-of-period, duplicate,
// missing-contract, ineligible-service) proposes cutting the whole declared amount; otherwise the
// partial amount-mismatch and missing-payment. supportedFen is what the proposals leave.

import { reachesRatio } from '../../money/ratio';
import { formatCny } from '../../money/yuan';
import type { Profile } from '../../profiles/schema';
import type { CutReason, EvidenceRef, Fen, ManifestClaim, ReviewFile } from '../../types';
import { excludedServiceHit } from '../findings/excluded-services';
import { normalizePartyName, partyReadAs } from '../findings/normalize';
import {
  contractCounterparty, fenOf, invoiceNumberKey, invoiceSides, refOf, sameCode, sameName,
  type InvoiceReading,
} from './evidence';
import { invoicePartiesRead } from '../findings/context';
import type { RowLinks } from './link';
import { describeNearMatch } from './near-match';

export interface DraftProposal {
  reason: CutReason;
  amountFen: Fen;
  zh: string;
  en: string;
  clause: string | null;
  evidence: EvidenceRef[];
}

export interface CounterpartyFacts {
  name: string | null;
  creditCode: string | null;
  /** null where the program sets no region rule. */
  eligible: boolean | null;
}

export interface RowOutcome {
  claimId: string;
  declaredFen: Fen;
  counterparty: CounterpartyFacts;
  proposals: DraftProposal[];
  /** The invoices in the window that this row uses (none when a whole-row defect applies). */
  usedInvoiceNumbers: string[];
  /** Every invoice is dated after the window and the notice moves such rows to the next round: no proposal, no subsidy this round. */
  deferredToNextRound?: { clause: string; zh: string; en: string };
}

export interface RowContext {
  profile: Profile;
  applicantName: string;
  applicantCode: string | null;
  review: ReviewFile | null;
  /** Invoice numbers already supporting an earlier row, with that row's id. */
  usedBy: ReadonlyMap<string, string>;
}

const APPLICANT_ROLE = { seller: { zh: '销售方', en: 'seller' }, buyer: { zh: '购买方', en: 'buyer' } } as const;
const OTHER_ROLE = { seller: { zh: '购买方', en: 'buyer' }, buyer: { zh: '销售方', en: 'seller' } } as const;

/** The counterparty's unified credit code: stated in the dossier, else from its side of an invoice, else from the contract. */
function counterpartyCode(claim: ManifestClaim, links: RowLinks, profile: Profile): string | null {
  for (const key of ['counterpartyCreditCode', 'counterpartyTaxId']) {
    const value = claim[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  for (const reading of links.invoices) {
    const code = invoiceSides(profile, reading.fields).counterpartyTaxId;
    if (code) return code;
  }
  for (const reading of links.contracts) {
    const party = contractCounterparty(reading.fields, claim.counterparty ?? null);
    if (party?.taxId) return party.taxId;
  }
  return null;
}

function counterpartyName(claim: ManifestClaim, links: RowLinks, profile: Profile): string | null {
  if (claim.counterparty?.trim()) return claim.counterparty.trim();
  for (const reading of links.invoices) {
    const name = invoiceSides(profile, reading.fields).counterpartyName;
    if (name) return name;
  }
  return null;
}

/** The reviewer's decision on a counterparty, by its name as the row states it. */
export function counterpartyDecision(review: ReviewFile | null, name: string | null): boolean | null {
  if (!name || !review?.counterparties) return null;
  const key = normalizePartyName(name);
  for (const [entryName, decision] of Object.entries(review.counterparties)) {
    if (normalizePartyName(entryName) === key) return decision.eligible;
  }
  return null;
}

/** A unified social credit code's administrative division (characters 3 to 8), or null when it is not one. */
export function creditCodeDivision(code: string): string | null {
  const clean = code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(clean) ? clean.slice(2, 8) : null;
}

function regionEligibility(profile: Profile, review: ReviewFile | null, name: string | null, code: string | null): boolean | null {
  const regions = profile.declaredList.counterparty.creditCodeRegions;
  if (!regions) return null;
  const decided = counterpartyDecision(review, name);
  if (decided !== null) return decided;
  const division = code ? creditCodeDivision(code) : null;
  return division !== null && regions.some((region) => division.startsWith(region));
}

function invoiceLabel(reading: InvoiceReading): string {
  return reading.fields.invoiceNumber ?? `${reading.file} p.${reading.page}`;
}

function partyMismatch(context: RowContext, claim: ManifestClaim, links: RowLinks): DraftProposal | null {
  const { profile } = context;
  const direction = profile.invoiceParties.applicantIs;
  for (const reading of links.invoices) {
    const sides = invoiceSides(profile, reading.fields);
    const parties = invoicePartiesRead(profile, reading);
    // A name OCR read unsurely is the party's when one character off it or beside the party's credit code.
    const applicantWrong = parties.applicant
      ? !partyReadAs(parties.applicant, { name: context.applicantName, creditCode: context.applicantCode })
      : Boolean(sides.applicantTaxId && context.applicantCode && !sameCode(sides.applicantTaxId, context.applicantCode));
    const counterpartyWrong = Boolean(parties.counterparty && claim.counterparty && !partyReadAs(parties.counterparty, { name: claim.counterparty }));
    if (!applicantWrong && !counterpartyWrong) continue;
    const [zh, en] = applicantWrong
      ? [`发票 ${invoiceLabel(reading)} 的${APPLICANT_ROLE[direction].zh}“${sides.applicantName ?? sides.applicantTaxId}”不是申报单位“${context.applicantName}”`,
        `invoice ${invoiceLabel(reading)}: the ${APPLICANT_ROLE[direction].en} "${sides.applicantName ?? sides.applicantTaxId}" is not the applicant "${context.applicantName}"`]
      : [`发票 ${invoiceLabel(reading)} 的${OTHER_ROLE[direction].zh}“${sides.counterpartyName}”不是申报的交易对方“${claim.counterparty}”`,
        `invoice ${invoiceLabel(reading)}: the ${OTHER_ROLE[direction].en} "${sides.counterpartyName}" is not the declared counterparty "${claim.counterparty}"`];
    return { reason: 'party-mismatch', amountFen: 0, zh, en, clause: profile.invoiceParties.clause, evidence: [refOf(reading)] };
  }
  return null;
}

function relatedParty(context: RowContext, claim: ManifestClaim, links: RowLinks, code: string | null): DraftProposal | null {
  const clause = context.profile.declaredList.counterparty.clause;
  if (claim.counterparty && sameName(claim.counterparty, context.applicantName)) {
    return { reason: 'related-party', amountFen: 0, clause, evidence: [],
      zh: `交易对方“${claim.counterparty}”即申报单位本身`, en: `the counterparty "${claim.counterparty}" is the applicant itself` };
  }
  if (code && context.applicantCode && sameCode(code, context.applicantCode)) {
    return { reason: 'related-party', amountFen: 0, clause, evidence: [],
      zh: `交易对方与申报单位的统一社会信用代码相同（${code}）`, en: `the counterparty shares the applicant's credit code ${code}` };
  }
  const same = links.invoices.find((reading) => sameCode(reading.fields.buyerTaxId, reading.fields.sellerTaxId));
  if (same) {
    return { reason: 'related-party', amountFen: 0, clause, evidence: [refOf(same)],
      zh: `发票 ${invoiceLabel(same)} 购销双方纳税人识别号相同（${same.fields.buyerTaxId}）`,
      en: `invoice ${invoiceLabel(same)}: buyer and seller share the taxpayer id ${same.fields.buyerTaxId}` };
  }
  return null;
}

function customerNotEligible(context: RowContext, facts: CounterpartyFacts, links: RowLinks): DraftProposal | null {
  const rule = context.profile.declaredList.counterparty;
  if (facts.eligible !== false || !rule.creditCodeRegions) return null;
  const region = rule.regionLabel ?? { zh: rule.creditCodeRegions.join('、'), en: rule.creditCodeRegions.join(', ') };
  const who = facts.name ?? '交易对方';
  const whoEn = facts.name ?? 'the counterparty';
  const evidence = links.invoices.slice(0, 1).map(refOf);
  if (counterpartyDecision(context.review, facts.name) === false) {
    return { reason: 'customer-not-eligible', amountFen: 0, clause: rule.clause, evidence,
      zh: `评审认定“${who}”不是${region.zh}的中小企业`, en: `the reviewer found "${whoEn}" is not an SME of ${region.en}` };
  }
  if (!facts.creditCode || creditCodeDivision(facts.creditCode) === null) {
    return { reason: 'customer-not-eligible', amountFen: 0, clause: rule.clause, evidence,
      zh: `无法确认“${who}”为${region.zh}企业：${facts.creditCode ? `“${facts.creditCode}”不是统一社会信用代码` : '未找到其统一社会信用代码'}（评审可确认）`,
      en: `"${whoEn}" cannot be confirmed as a ${region.en} enterprise: ${facts.creditCode ? `"${facts.creditCode}" is not a unified credit code` : 'no credit code found'} (the reviewer can confirm it)` };
  }
  return { reason: 'customer-not-eligible', amountFen: 0, clause: rule.clause, evidence,
    zh: `“${who}”的统一社会信用代码 ${facts.creditCode} 登记地不在${region.zh}（行政区划 ${rule.creditCodeRegions.join('/')}）`,
    en: `"${whoEn}" has credit code ${facts.creditCode}, registered outside ${region.en} (division ${rule.creditCodeRegions.join('/')})` };
}

function inWindow(profile: Profile, reading: InvoiceReading): boolean {
  const window = profile.eligibleWindow;
  if (!window) return true;
  const date = reading.fields.issueDate;
  return date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= window.from && date <= window.to;
}

function sum(values: readonly (Fen | null)[]): Fen {
  return values.reduce<Fen>((total, value) => total + (value ?? 0), 0);
}

/**
 * Why the row's tickets (passenger tickets, taxi receipts, 定额发票) are not its invoices: they name no
 * buyer or seller, so they cannot show who sold the service to whom.
 */
function ticketsNotInvoices(tickets: readonly InvoiceReading[]): { zh: string; en: string } {
  const labels = tickets.map(invoiceLabel);
  return {
    zh: `票据 ${labels.join('、')} 为客票或定额发票，不是增值税发票：票面没有购买方和销售方，不能证明服务交易双方`,
    en: tickets.length === 1
      ? `${labels[0]} is a passenger ticket or fixed-amount receipt, not a VAT invoice: it names no buyer or seller, so it cannot show the parties to the service`
      : `${labels.join(', ')} are passenger tickets or fixed-amount receipts, not VAT invoices: they name no buyer or seller, so they cannot show the parties to the service`,
  };
}

/**
 * Everything wrong with one row, whole-row defect first. A ticket linked to the row is never its
 * invoice evidence: the row is reconciled on its other invoices, and without any it is missing its
 * invoice for that reason (the profile's ticketNotInvoiceClause).
 */
export function reconcileRow(context: RowContext, claim: ManifestClaim, declaredFen: Fen, linked: RowLinks): RowOutcome {
  const { profile } = context;
  const tickets = linked.invoices.filter((reading) => reading.kind === 'ticket');
  const links: RowLinks = tickets.length > 0 ? { ...linked, invoices: linked.invoices.filter((reading) => reading.kind !== 'ticket') } : linked;
  const ticketReason = tickets.length > 0 ? ticketsNotInvoices(tickets) : null;
  const code = counterpartyCode(claim, links, profile);
  const name = counterpartyName(claim, links, profile);
  const facts: CounterpartyFacts = { name, creditCode: code, eligible: regionEligibility(profile, context.review, name, code) };
  const whole = (draft: DraftProposal): RowOutcome => ({
    claimId: claim.id, declaredFen, counterparty: facts, usedInvoiceNumbers: [],
    proposals: declaredFen > 0 ? [{ ...draft, amountFen: declaredFen }] : [],
  });
  const invoiceClause = profile.invoiceRules.invoiceRequiredClause;

  if (links.invoices.length === 0 && ticketReason) {
    const ticketClause = profile.invoiceRules.ticketNotInvoiceClause;
    const missing = links.missingNumbers.length > 0;
    const near = links.nearMatches.map(describeNearMatch);
    return whole({ reason: 'missing-invoice', amountFen: 0, clause: ticketClause === undefined ? invoiceClause : ticketClause,
      evidence: [...tickets.map(refOf), ...links.nearMatches.map(refOf)],
      zh: `${ticketReason.zh}${missing ? `；所列发票 ${links.missingNumbers.join('、')} 在材料中未找到${near.length ? `（${near.map((entry) => entry.zh).join('；')}）` : ''}` : ''}；本行没有可作依据的增值税发票`,
      en: `${ticketReason.en}${missing ? `; listed invoice ${links.missingNumbers.join(', ')} is not among the files${near.length ? ` (${near.map((entry) => entry.en).join('; ')})` : ''}` : ''}; the row has no VAT invoice to rest on` });
  }
  if (links.invoices.length === 0) {
    const listed = links.missingNumbers.length > 0;
    const near = links.nearMatches.map(describeNearMatch);
    return whole({ reason: 'missing-invoice', amountFen: 0, clause: invoiceClause, evidence: links.nearMatches.map(refOf),
      zh: listed ? `所列发票 ${links.missingNumbers.join('、')} 在材料中均未找到${near.length ? `（${near.map((entry) => entry.zh).join('；')}）` : ''}` : '未列明发票，材料中也没有与之对应的发票',
      en: listed ? `none of the listed invoices ${links.missingNumbers.join(', ')} is among the files${near.length ? ` (${near.map((entry) => entry.en).join('; ')})` : ''}` : 'no invoice is listed and none in the files matches the row' });
  }
  const defect = partyMismatch(context, claim, links)
    ?? relatedParty(context, claim, links, code)
    ?? customerNotEligible(context, facts, links);
  if (defect) return whole(defect);

  const window = profile.eligibleWindow;
  const dated = links.invoices.filter((reading) => inWindow(profile, reading));
  const later = window?.laterToNextRound && links.invoices.every((reading) => {
    const date = reading.fields.issueDate;
    return date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) && date > window.to;
  });
  if (window?.laterToNextRound && dated.length === 0 && later) {
    const dates = links.invoices.map((reading) => `${invoiceLabel(reading)}：${reading.fields.issueDate}`);
    const datesEn = links.invoices.map((reading) => `${invoiceLabel(reading)}: ${reading.fields.issueDate}`);
    return {
      claimId: claim.id, declaredFen, counterparty: facts, proposals: [], usedInvoiceNumbers: [],
      deferredToNextRound: {
        clause: window.laterToNextRound.clause,
        zh: `发票开具于 ${window.to} 之后（${dates.join('；')}），按通知纳入下一年度兑现：本轮不计补助，不作核减`,
        en: `invoiced after ${window.to} (${datesEn.join('; ')}): the notice moves the row to the next round, no subsidy this round and no cut`,
      },
    };
  }
  if (window && dated.length === 0) {
    const dates = links.invoices.map((reading) => `${invoiceLabel(reading)}：${reading.fields.issueDate ?? '日期未识别'}`);
    const datesEn = links.invoices.map((reading) => `${invoiceLabel(reading)}: ${reading.fields.issueDate ?? 'date not read'}`);
    return whole({ reason: 'out-of-period', amountFen: 0, clause: window.clause, evidence: links.invoices.map(refOf),
      zh: `没有开票日期在 ${window.from} 至 ${window.to} 内的发票（${dates.join('；')}）`,
      en: `no invoice dated between ${window.from} and ${window.to} (${datesEn.join('; ')})` });
  }
  const fresh = dated.filter((reading) => !context.usedBy.has(invoiceNumberKey(reading.fields)));
  if (fresh.length === 0) {
    const earlier = [...new Set(dated.map((reading) => context.usedBy.get(invoiceNumberKey(reading.fields))!))];
    return whole({ reason: 'duplicate', amountFen: 0, clause: profile.invoiceRules.duplicateClause, evidence: dated.map(refOf),
      zh: `发票 ${dated.map(invoiceLabel).join('、')} 已用于申报项 ${earlier.join('、')}`,
      en: `invoice ${dated.map(invoiceLabel).join(', ')} already supports row ${earlier.join(', ')}` });
  }
  const contractRule = profile.declaredList.contractRequired;
  if (contractRule && links.contracts.length === 0) {
    return whole({ reason: 'missing-contract', amountFen: 0, clause: contractRule.clause, evidence: [],
      zh: claim.contractNo ? `合同 ${claim.contractNo} 的关键页在材料中未找到` : '材料中没有与本行对应的合同关键页',
      en: claim.contractNo ? `the key pages of contract ${claim.contractNo} are not among the files` : 'no contract key pages in the files match the row' });
  }
  for (const service of profile.excludedServices) {
    const hit = excludedServiceHit(service, claim, fresh);
    const contract = hit ? null : links.contracts.find((reading) => service.keywords.some((keyword) => reading.fields.subject?.normalize('NFKC').includes(keyword.normalize('NFKC'))));
    if (!hit && !contract) continue;
    const what = hit ? hit.what : `“${contract!.fields.subject}”`;
    return whole({ reason: 'ineligible-service', amountFen: 0, clause: service.clause,
      evidence: hit ? (hit.invoice ? [refOf(hit.invoice)] : []) : [refOf(contract!)],
      zh: `含 ${what}，属不予支持的服务（${service.label.zh}）`,
      en: `${what} marks a service the program does not cover (${service.label.en})` });
  }

  const proposals: DraftProposal[] = [];
  const invoicedFen = sum(fresh.map((reading) => fenOf(reading.fields.totalAmount)));
  const supportedByInvoices = Math.min(declaredFen, invoicedFen);
  if (supportedByInvoices < declaredFen) {
    const notCounted = links.invoices.length - fresh.length;
    const why = [
      links.missingNumbers.length > 0 ? `所列发票 ${links.missingNumbers.join('、')} 未找到${links.nearMatches.length ? `（${links.nearMatches.map((match) => describeNearMatch(match).zh).join('；')}）` : ''}` : '',
      notCounted > 0 ? `${notCounted} 张发票不在支持期内或已用于前面的申报项，不计` : '',
      fresh.some((reading) => fenOf(reading.fields.totalAmount) === null) ? '部分发票价税合计未识别' : '',
      ticketReason ? `${ticketReason.zh}，不计` : '',
    ].filter(Boolean);
    const whyEn = [
      links.missingNumbers.length > 0 ? `listed invoice ${links.missingNumbers.join(', ')} not found${links.nearMatches.length ? ` (${links.nearMatches.map((match) => describeNearMatch(match).en).join('; ')})` : ''}` : '',
      notCounted > 0 ? `${notCounted} invoice(s) outside the window or already used by an earlier row not counted` : '',
      fresh.some((reading) => fenOf(reading.fields.totalAmount) === null) ? 'an invoice total was not read' : '',
      ticketReason ? `${ticketReason.en}: not counted` : '',
    ].filter(Boolean);
    proposals.push({
      reason: 'amount-mismatch', amountFen: declaredFen - supportedByInvoices, clause: profile.invoiceRules.amountMatchClause, evidence: fresh.map(refOf),
      zh: `申报 ${formatCny(declaredFen)}，有效发票价税合计 ${formatCny(invoicedFen)}${why.length ? `（${why.join('；')}）` : ''}，差额 ${formatCny(declaredFen - supportedByInvoices)}`,
      en: `declared ${formatCny(declaredFen)}, valid invoices total ${formatCny(invoicedFen)}${whyEn.length ? ` (${whyEn.join('; ')})` : ''}; ${formatCny(declaredFen - supportedByInvoices)} unsupported`,
    });
  }
  const payment = profile.payment;
  if (payment.proofRequired && supportedByInvoices > 0) {
    const paidFen = sum(links.payments.map((reading) => fenOf(reading.fields.amount)));
    const payer = payment.payer === 'counterparty' ? { zh: '客户付款', en: 'the customer paid' } : { zh: '付款', en: 'paid' };
    const evidence = links.payments.map(refOf);
    if (payment.basis === 'own-share') {
      const ratio = payment.minRatioOfInvoice!;
      if (!reachesRatio(paidFen, invoicedFen, ratio)) {
        proposals.push({
          reason: 'missing-payment', amountFen: supportedByInvoices, clause: payment.clause, evidence,
          zh: `${payer.zh} ${formatCny(paidFen)}，低于发票金额 ${formatCny(invoicedFen)} 的 ${ratio}（企业自付部分），本行不予支持`,
          en: `${payer.en} ${formatCny(paidFen)}, below ${ratio} of the invoiced ${formatCny(invoicedFen)} (the firm's own share): the row is not supported`,
        });
      }
    } else {
      const unpaid = supportedByInvoices - Math.min(supportedByInvoices, paidFen);
      if (unpaid > 0) {
        proposals.push({
          reason: 'missing-payment', amountFen: unpaid, clause: payment.clause, evidence,
          zh: `${payer.zh} ${formatCny(paidFen)}（${links.payments.length} 张银行凭证），少于发票支持的 ${formatCny(supportedByInvoices)}，${formatCny(unpaid)} 无付款凭证`,
          en: `${payer.en} ${formatCny(paidFen)} (${links.payments.length} bank receipt(s)), less than the invoiced ${formatCny(supportedByInvoices)}; ${formatCny(unpaid)} has no payment evidence`,
        });
      }
    }
  }
  return { claimId: claim.id, declaredFen, counterparty: facts, proposals, usedInvoiceNumbers: fresh.map((reading) => invoiceNumberKey(reading.fields)).filter(Boolean) };
}
