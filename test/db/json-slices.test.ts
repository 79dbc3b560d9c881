// stringifyInSlices: JSON.stringify's text, byte for byte (the mirror's import file is named by its
// hash), given back to the window between slices of a few milliseconds (a 10,000-row dossier's import
// file was written in one task of 0.4–1.4 s).
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-renderer/core/audit/canonical-json';
import { computeDossierId, dossierIdContent } from '../../src-renderer/core/import/pipeline';
import { canonicalJsonInSlices, dossierIdInSlices, stringifyInSlices, utf8InSlices } from '../../src-renderer/db/json-slices';
import { testHasher } from '../core/import/hasher';

describe('stringifyInSlices', () => {
  it('gives JSON.stringify\'s text for every kind of value', async () => {
    const values: unknown[] = [
      null, 1, -0, 1.5e300, 'a"b\\c\u2028', true, undefined, () => 1, [], {},
      [undefined, () => 1, null, [1, [2, undefined]], { a: undefined }],
      { a: undefined, b: () => 1, c: 1, d: [undefined], 'é"': { x: new Date(0), y: [new Date(1)] } },
      { toJSON: () => ({ shown: true }) },
      Object.assign(Object.create(null) as object, { z: 1, a: [1] }),
      { schema: 's', dossierId: 'd', dossier: { manifest: { claims: Array.from({ length: 1000 }, (_, n) => ({ id: `C${n}`, amount: `${n}.00`, note: n % 3 ? undefined : '备注' })) } }, documents: Array.from({ length: 700 }, (_, n) => ({ path: `f${n}.pdf`, problems: n % 5 ? [] : [{ code: 'x', message: 'y' }] })) },
    ];
    for (const value of values) expect(await stringifyInSlices(value, { sliceMs: 0, pause: async () => undefined })).toBe(JSON.stringify(value));
  });

  it('gives the thread back once a slice has run its time, between the elements of a large array', async () => {
    let clock = 0;
    let pauses = 0;
    // Every reading of the clock is a millisecond later.
    const rows = Array.from({ length: 4000 }, (_, n) => ({ id: n, text: 'x'.repeat(20) }));
    const text = await stringifyInSlices({ rows, nested: { more: rows } }, { sliceMs: 8, now: () => clock++, pause: async () => { pauses++; } });
    expect(text).toBe(JSON.stringify({ rows, nested: { more: rows } }));
    // The clock is read every 16 elements: 8,000 elements, a pause every 8 readings or so.
    expect(pauses).toBeGreaterThan(50);
  });

  it('lets a timer set before it run before it is done (it is not one task)', async () => {
    const rows = Array.from({ length: 200_000 }, (_, n) => ({ id: n, text: `row ${n}` }));
    let timerRan = false;
    setTimeout(() => { timerRan = true; }, 0);
    let ranBeforeDone = false;
    const done = stringifyInSlices(rows, { sliceMs: 1 }).then((text) => { ranBeforeDone = timerRan; return text; });
    expect((await done)?.length).toBe(JSON.stringify(rows).length);
    expect(ranBeforeDone).toBe(true);
  });
});

describe('canonicalJsonInSlices', () => {
  const noPause = { sliceMs: 0, pause: async () => undefined };

  it('gives canonicalJson\'s text for every kind of JSON value, and refuses what it refuses', async () => {
    const values: unknown[] = [
      null, 0, -1.25, 'a"b\\c\u2028\ud800', true, [], {}, [undefined, null, [1, [2, undefined]], { b: 1, a: undefined }],
      { z: 1, a: { y: [3, { d: 4, c: 5 }], x: '甲' }, m: undefined },
      dossierIdContent({ schema: 's', program: 'p', applicant: { name: '甲公司', category: 'comprehensive' }, documents: [], claims: Array.from({ length: 1500 }, (_, n) => ({ id: `C${n}`, amount: `${n}.00`, invoiceNumbers: [`${n}`], note: n % 3 ? undefined : '备注' })) } as never,
        Array.from({ length: 900 }, (_, n) => ({ path: `f${(n * 7919) % 900}.pdf`, sha256: `${n}`.padStart(64, '0') }))),
    ];
    for (const value of values) expect(await canonicalJsonInSlices(value, noPause)).toBe(canonicalJson(value));
    for (const refused of [{ when: new Date(0) }, [Number.NaN], { n: 1n }]) {
      await expect(canonicalJsonInSlices(refused, noPause)).rejects.toThrow(TypeError);
      expect(() => canonicalJson(refused)).toThrow(TypeError);
    }
  });

  it('gives the thread back once a slice has run its time, between the elements of a large array', async () => {
    let clock = 0;
    let pauses = 0;
    const claims = Array.from({ length: 4000 }, (_, n) => ({ id: `C${n}`, amount: '1.00' }));
    expect(await canonicalJsonInSlices({ claims }, { sliceMs: 8, now: () => clock++, pause: async () => { pauses++; } })).toBe(canonicalJson({ claims }));
    expect(pauses).toBeGreaterThan(20);
  });
});

describe('utf8InSlices and dossierIdInSlices', () => {
  it('give TextEncoder\'s bytes, a surrogate pair never split between slices, with turns between them', async () => {
    const text = `甲${'a'.repeat(5)}😀${'乙'.repeat(3)}\ud800x😀`;
    for (const sliceChars of [1, 2, 3, 6, 7, 8, 100]) {
      let pauses = 0;
      const bytes = await utf8InSlices(text, { sliceChars, pause: async () => { pauses++; } });
      expect([...bytes]).toEqual([...new TextEncoder().encode(text)]);
      if (sliceChars < text.length) expect(pauses).toBeGreaterThan(0);
    }
  });

  it('gives the id computeDossierId gives', async () => {
    const manifest = { schema: 's', program: 'p', applicant: { name: '甲公司', category: 'comprehensive' }, documents: [], claims: [{ id: 'C1', amount: '1.00' }] } as never;
    const files = [{ path: 'b.pdf', sha256: '2'.repeat(64) }, { path: 'a.xml', sha256: '1'.repeat(64) }];
    expect(await dossierIdInSlices(testHasher, manifest, files)).toBe(await computeDossierId(testHasher, manifest, files));
  });
});
