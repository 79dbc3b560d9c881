// The Plan screen names each dossier by its applicant (name and unified social credit code), with the
// dossier id a click away; where the plan must tell dossiers apart beside the applicant's name (the
// findings across dossiers say "甲公司（label）") the label is the credit code, with the first
// characters of the dossier id only where one firm filed more than once or gave no code.
import { describe, expect, it } from 'vitest';
import type { DossierManifest } from '../../src-renderer/core/types';
import { planLabels } from '../../src-renderer/state/plan';

function manifest(name: string, creditCode?: string): DossierManifest {
  return { schema: 'dossier-desk/dossier@1', program: 'guangzhou-2020-voucher', applicant: { name, category: 'sme', ...(creditCode ? { creditCode } : {}) }, documents: [], claims: [] };
}

describe('plan labels', () => {
  it('labels by credit code, the short id only where the code is shared or missing', () => {
    const labels = planLabels([
      { id: 'aaaaaaaa1111', manifest: manifest('甲科技有限公司', '91440101MA5AAAAA1X') },
      { id: 'bbbbbbbb2222', manifest: manifest('乙科技有限公司', '91440101ma5bbbbb2x') },
      { id: 'cccccccc3333', manifest: manifest('乙科技有限公司', '91440101MA5BBBBB2X') },
      { id: 'dddddddd4444', manifest: manifest('丙科技有限公司') },
    ]);
    expect([...labels.values()]).toEqual(['91440101MA5AAAAA1X', '91440101MA5BBBBB2X·bbbbbbbb', '91440101MA5BBBBB2X·cccccccc', 'dddddddd']);
    expect(new Set(labels.values()).size).toBe(4);
  });
});
