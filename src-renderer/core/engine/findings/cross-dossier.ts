// Across dossiers (Shenzhen 十五 注意事项 2): different applicants in the same program using the
// same contact person or the same contact phone are flagged for investigation.

import type { Profile } from '../../profiles/schema';
import type { DossierManifest, Finding } from '../../types';
import { makeFinding } from './make-finding';
import { normalizePartyName, normalizePhone } from './normalize';

export interface LabelledManifest {
  /** How the dossier is known in messages and results (folder name, dossier id). */
  dossier: string;
  manifest: DossierManifest;
}

export interface CrossDossierFinding {
  dossier: string;
  finding: Finding;
}

function applicantKey(manifest: DossierManifest): string {
  return manifest.applicant.creditCode?.trim().toUpperCase() || normalizePartyName(manifest.applicant.name);
}

/** Findings for every dossier sharing a contact name or phone with a different applicant of the same program. */
export function sharedContactFindings(profile: Profile, dossiers: readonly LabelledManifest[]): CrossDossierFinding[] {
  const rule = profile.crossDossier.sameContact;
  if (!rule) return [];
  const relevant = dossiers.filter((entry) => entry.manifest.program === profile.id);
  const results: CrossDossierFinding[] = [];
  const groups: { kind: 'name' | 'phone'; key: (manifest: DossierManifest) => string }[] = [
    { kind: 'name', key: (manifest) => normalizePartyName(manifest.applicant.contact?.name ?? '') },
    { kind: 'phone', key: (manifest) => normalizePhone(manifest.applicant.contact?.phone ?? '') },
  ];
  for (const { kind, key } of groups) {
    const byKey = new Map<string, LabelledManifest[]>();
    for (const entry of relevant) {
      const value = key(entry.manifest);
      if (value) byKey.set(value, [...(byKey.get(value) ?? []), entry]);
    }
    for (const [value, entries] of byKey) {
      if (new Set(entries.map((entry) => applicantKey(entry.manifest))).size < 2) continue;
      for (const entry of entries) {
        const others = entries.filter((other) => applicantKey(other.manifest) !== applicantKey(entry.manifest));
        const names = others.map((other) => `${other.manifest.applicant.name}（${other.dossier}）`).join('、');
        const namesEn = others.map((other) => `${other.manifest.applicant.name} (${other.dossier})`).join(', ');
        results.push({
          dossier: entry.dossier,
          finding: makeFinding({
            rule: kind === 'name' ? 'shared-contact-person' : 'shared-contact-phone', severity: 'warning', subject: value,
            clause: rule.clause,
            zh: `与其他申报单位使用同一联系${kind === 'name' ? '人' : '电话'}“${value}”：${names}`,
            en: `Same contact ${kind === 'name' ? 'person' : 'phone'} "${value}" as another applicant: ${namesEn}`,
          }),
        });
      }
    }
  }
  return results;
}
