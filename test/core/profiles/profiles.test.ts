import { describe, expect, it } from 'vitest';
import { bundledProfiles, parseProfile, parseProfileText, summarizeProfile } from '../../../src-renderer/core/profiles';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { PROGRAM_IDS } from '../../../src-renderer/core/types';
import shenzhen from '../../../resources/profiles/shenzhen-2024-dsp.json';

const FIXED_CATEGORIES: Record<string, string[]> = {
  'shenzhen-2024-dsp': ['comprehensive', 'non-comprehensive'],
  'guangzhou-2020-voucher': ['sme'],
  'shandong-2022-voucher': ['digital', 'cloud'],
  'shandong-2023-voucher': ['general', 'specialized'],
  'shanxi-2024-voucher': ['standard', 'jinchuanggu'],
};

function clone<T>(value: T): T {
  return structuredClone(value);
}

function problemsOf(json: unknown): string {
  try {
    parseProfile(json, 'custom.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('the profile was accepted');
}

describe('bundled profiles', () => {
  it('cover every program id with the categories DESIGN.md fixes', () => {
    const profiles = bundledProfiles();
    expect(profiles.map((profile) => profile.id).sort()).toEqual([...PROGRAM_IDS].sort());
    for (const profile of profiles) {
      expect(profile.categories.map((category) => category.id)).toEqual(FIXED_CATEGORIES[profile.id]);
    }
  });
  it('Shenzhen: threshold 0.20, four bands with caps per category, defaults not official, 19 material entries for 18 items', () => {
    const profile = bundledProfiles().find((p) => p.id === 'shenzhen-2024-dsp')!;
    expect(profile.auditCut.threshold).toBe('0.20');
    expect(profile.scoring?.weightsOfficial).toBe(false);
    expect(profile.scoring?.bands.map((band) => [band.min, band.awardCap.comprehensive, band.awardCap['non-comprehensive']])).toEqual([
      ['60', 100000000, 50000000], ['70', 300000000, 100000000], ['80', 500000000, 300000000], ['90', 1000000000, 500000000],
    ]);
    expect(profile.materials).toHaveLength(19);
    expect(profile.materials.find((item) => item.id === 'm15-ecosystem-products')?.categories).toEqual(['comprehensive']);
    expect(profile.materials.find((item) => item.id === 'm16-sector-solutions')?.categories).toEqual(['non-comprehensive']);
  });
  it('voucher subsidies: rates and caps in fen from the notices', () => {
    const byId = new Map(bundledProfiles().map((profile) => [profile.id, profile]));
    expect(byId.get('guangzhou-2020-voucher')!.subsidy!.byCategory.sme).toMatchObject({ rate: '0.50', capPerContract: null, capPerFirmPerYear: 2000000 });
    expect(byId.get('shandong-2022-voucher')!.subsidy!.byCategory.digital).toMatchObject({ rate: '0.30', capPerContract: 10000000 });
    expect(byId.get('shandong-2022-voucher')!.subsidy!.byCategory.cloud).toMatchObject({ rate: '0.30', capPerContract: 5000000 });
    expect(byId.get('shandong-2023-voucher')!.subsidy!.byCategory.general).toMatchObject({ rate: '0.30', capPerContract: 5000000 });
    expect(byId.get('shandong-2023-voucher')!.subsidy!.byCategory.specialized).toMatchObject({ rate: '0.30', capPerContract: 10000000 });
    expect(byId.get('shanxi-2024-voucher')!.subsidy!.byCategory.standard).toMatchObject({ rate: '0.50', capPerFirmPerYear: 50000000 });
    expect(byId.get('shanxi-2024-voucher')!.subsidy!.byCategory.jinchuanggu).toMatchObject({ rate: '0.50', capPerFirmPerYear: 100000000 });
    expect(byId.get('shanxi-2024-voucher')!.eligibleWindow).toMatchObject({ from: '2023-10-01', to: '2024-09-30' });
    expect(byId.get('guangzhou-2020-voucher')!.payment.minRatioOfInvoice).toBe('0.50');
  });
  it('summarises a profile for profiles --json', () => {
    const summary = summarizeProfile(bundledProfiles().find((p) => p.id === 'shenzhen-2024-dsp')!);
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['id', 'name', 'version', 'effective', 'source', 'categories', 'rubric', 'bands', 'threshold']));
    expect(summary.categories).toEqual(['comprehensive', 'non-comprehensive']);
    expect(summary.categoryLabels[1]).toEqual({ id: 'non-comprehensive', label: '非综合服务商', labelEn: 'Non-comprehensive provider' });
    expect(summary.rubric[0]).toEqual({ id: 'basic.revenue', label: '营收规模', labelEn: 'Revenue scale', dimension: 'basic', max: '10' });
    expect(summary.bands[3]).toEqual({ label: '[90,100]', min: '90', max: null, awardCapFen: { comprehensive: 1000000000, 'non-comprehensive': 500000000 } });
  });
});

describe('custom profile validation names the wrong field', () => {
  const DELETE = Symbol('delete');
  it.each<[string, (string | number)[], unknown, string]>([
    ['a bad threshold', ['auditCut', 'threshold'], '20%', 'auditCut.threshold: must be a ratio'],
    ['a bad cap', ['scoring', 'bands', 1, 'awardCap', 'comprehensive'], 'lots', 'scoring.bands[1].awardCap.comprehensive: "lots" is not'],
    ['a typo in a field name', ['categorys'], [], '(root): unknown field "categorys"'],
    ['a missing field', ['version'], DELETE, 'version:'],
    ['an unknown category in a band', ['scoring', 'bands', 0, 'awardCap', 'other'], '1.00', 'scoring.bands[0].awardCap: unknown category "other"'],
    ['a category without a cap', ['scoring', 'bands', 2, 'awardCap', 'non-comprehensive'], DELETE, 'scoring.bands[2].awardCap: category "non-comprehensive" has no cap'],
    ['bands with a gap', ['scoring', 'bands', 1, 'min'], '71', 'scoring.bands[1]: min 71 must equal'],
    ['criteria that do not add up', ['scoring', 'dimensions', 0, 'criteria', 0, 'max'], '11', 'add up to 101.00'],
    ['a bad date', ['effective', 'from'], '2024/09/12', 'effective.from: must be a date'],
  ])('%s', (_name, path, value, message) => {
    const profile = clone(shenzhen) as unknown as Record<string | number, unknown>;
    const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, profile);
    const last = path[path.length - 1]!;
    if (value === DELETE) delete parent[last];
    else parent[last] = value;
    const text = problemsOf(profile);
    expect(text).toContain('custom.json');
    expect(text).toContain(message);
  });
  it('reports invalid JSON with the file name', () => {
    expect(() => parseProfileText('{ nope', 'mine.json')).toThrow(/mine\.json: not valid JSON/);
  });
});

describe('profile labels for the English interface', () => {
  it('every English label and message is English (Chinese terms named in English)', () => {
    const chinese: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          if (key === 'en' && typeof item === 'string' && /[\u3400-\u9fff]/.test(item)) chinese.push(`${path}.en: ${item}`);
          else walk(item, `${path}.${key}`);
        }
      }
    };
    for (const profile of bundledProfiles()) walk(profile, profile.id);
    expect(chinese).toEqual([]);
  });
});
