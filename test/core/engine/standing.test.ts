// The dossier list's verdict and score (dossierStanding) are the whole check's (evaluateDossier) for
// every fixture dossier with each of its review files, and it refuses what the check refuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossierStanding, evaluateDossier } from '../../../src-renderer/core/engine';
import { parseManifest } from '../../../src-renderer/core/import';
import { parseReviewText } from '../../../src-renderer/core/review/read-write';
import type { DossierManifest, ReviewFile } from '../../../src-renderer/core/types';
import { manifest, profile, review } from './builders';

const dossiers = join(import.meta.dirname, '../../fixtures/dossiers');

function fixtureCases(): [string, DossierManifest, ReviewFile | null][] {
  return readdirSync(dossiers, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((entry) => {
    const folder = join(dossiers, entry.name);
    const parsed = parseManifest(readFileSync(join(folder, 'dossier.json'), 'utf8'));
    if (!parsed.ok) throw new Error(`${entry.name}/dossier.json: ${parsed.errors.join('; ')}`);
    const reviews = readdirSync(folder).filter((name) => /^review.*\.json$/.test(name)).sort();
    return [
      [`${entry.name} without a review`, parsed.manifest, null] as [string, DossierManifest, ReviewFile | null],
      ...reviews.map((name) => [`${entry.name} with ${name}`, parsed.manifest, parseReviewText(readFileSync(join(folder, name), 'utf8'), name).review] as [string, DossierManifest, ReviewFile | null]),
    ];
  });
}

function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

describe('dossierStanding gives the whole check\'s verdict and score', () => {
  const cases = fixtureCases();

  it('reads every fixture dossier and review file: scored, unscored and refused ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const outcomes = cases.map(([, dossier, reviewFile]) => outcome(() => dossierStanding(profile(dossier.program), dossier, reviewFile)));
    expect(outcomes.some((entry) => 'value' in entry && (entry.value as { scoreTotal: string | null }).scoreTotal !== null)).toBe(true);
    expect(outcomes.some((entry) => 'value' in entry && (entry.value as { scoreTotal: string | null }).scoreTotal === null)).toBe(true);
    expect(outcomes.some((entry) => 'error' in entry)).toBe(true);
  });

  it.each(cases)('%s', (_name, dossier, reviewFile) => {
    const check = outcome(() => {
      const report = evaluateDossier({ profile: profile(dossier.program), manifest: dossier, review: reviewFile });
      return { verdict: report.verdict, scoreTotal: report.score?.total ?? null };
    });
    expect(outcome(() => dossierStanding(profile(dossier.program), dossier, reviewFile))).toEqual(check);
  });

  it('a failing cut ratio and a score total', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '6000.00' }, { amount: '4000.00' }]);
    const cut = review('shenzhen-2024-dsp', [{ claimId: 'C1', amount: '2000.01' }]);
    expect(dossierStanding(profile('shenzhen-2024-dsp'), dossier, cut)).toEqual({ verdict: 'fail', scoreTotal: null });
  });

  it('refuses a category the program does not have, as the check does', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'no-such-category', [{ amount: '1.00' }]);
    expect(() => dossierStanding(profile('shenzhen-2024-dsp'), dossier, null)).toThrow(/applicant.category/);
  });
});
