// stringifyInSlices: JSON.stringify's text, byte for byte (the mirror's import file is named by its
// hash), given back to the window between slices of a few milliseconds (a 10,000-row dossier's import
// file was written in one task of 0.4–1.4 s).
import { describe, expect, it } from 'vitest';
import { stringifyInSlices } from '../../src-renderer/db/json-slices';

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
