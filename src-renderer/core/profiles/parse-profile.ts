// Validates a profile (bundled or a user's custom file) and reports every problem with the path
// of the field that holds it: `scoring.bands[1].min must be …`.

import type { z } from 'zod';
import { compareDecimals, formatUnits, parseDecimal, toScale } from '../money/decimal';
import { InvalidInputError } from '../result';
import { profileSchema, type Profile } from './schema';

export function describeJsonPath(path: readonly PropertyKey[]): string {
  const text = path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${String(key)}`),
    '',
  );
  return text || '(root)';
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `${describeJsonPath(issue.path)}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    }
    return `${describeJsonPath(issue.path)}: ${issue.message}`;
  });
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

/** Rules that span fields: ids unique, categories referenced exist, bands ordered. */
function crossFieldProblems(profile: Profile): string[] {
  const problems: string[] = [];
  const categoryIds = profile.categories.map((category) => category.id);
  const known = new Set(categoryIds);
  for (const id of duplicates(categoryIds)) problems.push(`categories: "${id}" is listed twice`);
  const checkCategories = (path: string, ids: string[] | null): void => {
    for (const id of ids ?? []) if (!known.has(id)) problems.push(`${path}: unknown category "${id}" (known: ${categoryIds.join(', ')})`);
  };
  profile.eligibility.forEach((item, index) => checkCategories(`eligibility[${index}].categories`, item.categories));
  profile.materials.forEach((item, index) => checkCategories(`materials[${index}].categories`, item.categories));
  for (const id of duplicates(profile.eligibility.map((item) => item.id))) problems.push(`eligibility: id "${id}" is used twice`);
  for (const id of duplicates(profile.materials.map((item) => item.id))) problems.push(`materials: id "${id}" is used twice`);
  const recognitionIds = profile.materials.flatMap((item) => (item.recognize ?? []).map((entry) => entry.id));
  for (const id of duplicates(recognitionIds)) problems.push(`materials: recognition id "${id}" is used twice`);
  const facts = new Set(profile.eligibility.flatMap((item) => (item.threshold ? [item.threshold.fact] : [])));
  profile.materials.forEach((item, index) => {
    const own = new Set((item.recognize ?? []).map((entry) => entry.id));
    (item.checks ?? []).forEach((check, checkIndex) => {
      const path = `materials[${index}].checks[${checkIndex}]`;
      if ('documentType' in check && !own.has(check.documentType)) problems.push(`${path}: documentType "${check.documentType}" is not recognised by this item`);
      if (check.type === 'date-window' && check.from > check.to) problems.push(`${path}: "from" is after "to"`);
      if (check.type === 'list-template') {
        const columns = new Set(check.columns.map((column) => column.id));
        for (const column of [check.amountColumn, check.distinctColumn]) if (column !== null && !columns.has(column)) problems.push(`${path}: column "${column}" is not one of its columns`);
        for (const threshold of check.thresholds) if (!facts.has(threshold.fact)) problems.push(`${path}: no eligibility threshold uses fact "${threshold.fact}"`);
      }
    });
  });
  if (profile.eligibleWindow && profile.eligibleWindow.from > profile.eligibleWindow.to) {
    problems.push('eligibleWindow: "from" is after "to"');
  }
  profile.subsidy?.providerCaps.forEach((cap, index) => {
    if (cap.capPerProvider === null && !cap.shareOfIssue) problems.push(`subsidy.providerCaps[${index}]: give capPerProvider, shareOfIssue or both`);
  });
  const { payment, declaredList } = profile;
  if (payment.basis === 'own-share' && payment.minRatioOfInvoice === null) problems.push('payment.minRatioOfInvoice: own-share needs the minimum ratio of the invoice');
  if (payment.basis === 'whole-amount' && payment.minRatioOfInvoice !== null) problems.push('payment.minRatioOfInvoice: must be null when the whole amount is to be paid');
  const expectedPayer = profile.invoiceParties.applicantIs === 'buyer' ? 'applicant' : 'counterparty';
  if (payment.payer !== expectedPayer) problems.push(`payment.payer: the applicant is the ${profile.invoiceParties.applicantIs} on the invoices, so the payer is the ${expectedPayer}`);
  const checkItems = (path: string, ids: string[], unit: 'yuan' | 'count'): void => {
    ids.forEach((id, index) => {
      const item = profile.eligibility.find((entry) => entry.id === id);
      if (!item) problems.push(`${path}[${index}]: unknown eligibility item "${id}"`);
      else if (item.threshold?.unit !== unit) problems.push(`${path}[${index}]: eligibility item "${id}" has no threshold in ${unit}`);
    });
  };
  checkItems('declaredList.approvedTotalAgainst', declaredList.approvedTotalAgainst, 'yuan');
  checkItems('declaredList.distinctCounterpartiesAgainst', declaredList.distinctCounterpartiesAgainst, 'count');
  if (profile.subsidy) {
    checkCategories('subsidy.byCategory', Object.keys(profile.subsidy.byCategory));
    for (const id of categoryIds) {
      if (!(id in profile.subsidy.byCategory)) problems.push(`subsidy.byCategory: category "${id}" has no subsidy rule`);
    }
  }
  if (profile.scoring) {
    const scoring = profile.scoring;
    const criterionIds = scoring.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => criterion.id));
    for (const id of duplicates([...scoring.dimensions.map((dimension) => dimension.id), ...criterionIds])) {
      problems.push(`scoring.dimensions: id "${id}" is used twice`);
    }
    const maxSum = scoring.dimensions
      .flatMap((dimension) => dimension.criteria)
      .reduce((sum, criterion) => sum + toScale(parseDecimal(criterion.max), 2), 0n);
    if (maxSum !== toScale(parseDecimal(scoring.totalMax), 2)) {
      problems.push(`scoring.dimensions: the criteria maxima add up to ${formatUnits(maxSum, 2)}, not totalMax ${scoring.totalMax}`);
    }
    scoring.bands.forEach((band, index) => {
      checkCategories(`scoring.bands[${index}].awardCap`, Object.keys(band.awardCap));
      for (const id of categoryIds) {
        if (!(id in band.awardCap)) problems.push(`scoring.bands[${index}].awardCap: category "${id}" has no cap`);
      }
      if (band.max !== null && compareDecimals(parseDecimal(band.min), parseDecimal(band.max)) >= 0) {
        problems.push(`scoring.bands[${index}]: min ${band.min} is not below max ${band.max}`);
      }
      const next = scoring.bands[index + 1];
      if (next && (band.max === null || compareDecimals(parseDecimal(band.max), parseDecimal(next.min)) !== 0)) {
        problems.push(`scoring.bands[${index + 1}]: min ${next.min} must equal the previous band's max ${band.max ?? '(open)'}`);
      }
    });
    const bandLabels = scoring.bands.map((band) => band.label);
    for (const label of scoring.commentsRequired?.bands ?? []) {
      if (!bandLabels.includes(label)) problems.push(`scoring.commentsRequired.bands: unknown band "${label}" (known: ${bandLabels.join(', ')})`);
    }
  }
  return problems;
}

/**
 * Parses a profile from its JSON value. Throws InvalidInputError naming `sourceName` and listing
 * each wrong field with its path.
 */
export function parseProfile(json: unknown, sourceName: string): Profile {
  const parsed = profileSchema.safeParse(json);
  const problems = parsed.success ? crossFieldProblems(parsed.data) : describeIssues(parsed.error.issues);
  if (!parsed.success || problems.length > 0) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    throw new InvalidInputError(`invalid profile:\n  ${shown.join('\n  ')}${more}`, sourceName);
  }
  return parsed.data;
}

/** Parses profile JSON text (a custom profile file). */
export function parseProfileText(text: string, sourceName: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, sourceName);
  }
  return parseProfile(json, sourceName);
}
