// The workspace's evaluation of the bundled sample through the real engine and profile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src-renderer/core/profiles/parse-profile';
import { evaluateOpen } from '../../src-renderer/state/report';
import { applyEdit } from '../../src-renderer/core/review/edits';
import type { OpenDossier } from '../../src-renderer/state/workspace';
import type { DossierManifest, ReviewFile } from '../../src-renderer/core/types';

// jsdom gives import.meta.url an http scheme; vitest runs from the repository root.
const fromRoot = (path: string) => join(process.cwd(), path);
const profile = parseProfile(JSON.parse(readFileSync(fromRoot('resources/profiles/shenzhen-2024-dsp.json'), 'utf8')), 'shenzhen-2024-dsp.json');
const manifest = JSON.parse(readFileSync(fromRoot('resources/samples/shenzhen-dsp/dossier.json'), 'utf8')) as DossierManifest;
const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '周审计', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};
const open = (next: ReviewFile): OpenDossier => ({ id: 'sample', manifest, documents: [], review: next });
const context = { dossierId: 'sample', profile, peers: [] };

describe('evaluating the sample dossier', () => {
  it('passes at exactly 20% cut and fails one fen above', () => {
    const claimedFen = evaluateOpen(open(review), context).claimedFen;
    expect(claimedFen).toBe(1_065_034_509);
    const limit = Math.floor((claimedFen * 20) / 100);
    const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    // Whole rows cut in list order, the last one in part, until the cuts reach the limit exactly.
    let atLimitReview = review;
    let remaining = limit;
    for (const claim of manifest.claims) {
      if (remaining === 0) break;
      const fen = Math.min(remaining, Math.round(Number(claim.amount) * 100));
      atLimitReview = applyEdit(atLimitReview, { type: 'cut', claimId: claim.id, cut: { claimId: claim.id, amount: yuanText(fen), reason: 'other' } });
      remaining -= fen;
    }
    const atLimit = evaluateOpen(open(atLimitReview), context);
    expect(atLimit.cutFen).toBe(limit);
    expect(atLimit.verdict).toBe('pass');
    expect(atLimit.headroomFen).toBe(0);
    const untouched = manifest.claims.at(-1)!.id;
    const above = evaluateOpen(open(applyEdit(atLimitReview, { type: 'cut', claimId: untouched, cut: { claimId: untouched, amount: '0.01', reason: 'other' } })), context);
    expect(above.verdict).toBe('fail');
  });

  it('finds the problems the sample carries', () => {
    const report = evaluateOpen(open(review), context);
    const rules = new Set(report.findings.map((finding) => finding.rule));
    expect(report.findings.some((finding) => finding.claimId === 'R0034')).toBe(true);
    expect(rules.size).toBeGreaterThan(2);
  });
});
