// The path and image objects the OFD viewer draws: a real invoice's template grid in its printed
// colour, its QR image, and AbbreviatedData commands placed by Boundary and CTM.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOfd } from '../../../src-renderer/core/extract/ofd';
import { type OfdCanvas, drawOfdGraphic, parseAbbreviatedData } from '../../../src-renderer/core/extract/ofd-graphics';
import { REAL_INVOICES_DIR } from './ground-truth';

const MM = 72 / 25.4;

describe('OFD graphics', () => {
  it('reads the template grid of a real invoice in its brown, and the page\'s QR image', () => {
    const ofd = readOfd(new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, 'ofd/O04_zhejiang_83089647.ofd'))));
    const graphics = ofd.graphics[0]!;
    const paths = graphics.filter((graphic) => graphic.kind === 'path');
    expect(paths.length).toBeGreaterThanOrEqual(20);
    const first = paths[0]!;
    expect(first).toMatchObject({ stroke: 'rgb(156,82,35)', lineWidth: Math.round(0.25 * MM * 100) / 100 });
    expect(first.kind === 'path' && first.commands[0]).toEqual({ op: 'M', x: Math.round(68.5 * MM * 100) / 100, y: Math.round(18 * MM * 100) / 100 });
    expect(graphics.filter((graphic) => graphic.kind === 'image')).toEqual([{ kind: 'image', part: 'Doc_0/Res/image_78.jb2', box: [Math.round(8.5 * MM * 100) / 100, Math.round(3.5 * MM * 100) / 100, Math.round(20 * MM * 100) / 100, Math.round(20 * MM * 100) / 100] }]);
    expect(ofd.pageImages).toEqual([]);
  });

  it('fills a path marked Fill="true" only with a fill colour it or its DrawParam gives (the default is transparent)', () => {
    const ofd = readOfd(new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, 'ofd/O03_qdp_special_24112000000048542163.ofd'))));
    // The ⊗ before the 大写 total: a circle and a cross, Fill="true" with no FillColor.
    const circled = ofd.graphics[0]!.find((graphic) => graphic.kind === 'path' && graphic.commands.filter((command) => command.op === 'B').length === 4);
    expect(circled).toMatchObject({ kind: 'path', fill: null, stroke: 'rgb(0,0,0)' });
  });

  it('places commands by the object\'s CTM and Boundary; arcs end where they end; unknown tokens are skipped', () => {
    const place = (x: number, y: number): [number, number] => [10 + 2 * x, 20 + 2 * y];
    expect(parseAbbreviatedData('S 0 0 L 1 0 Q 1 1 0 1 B 0 2 1 2 1 1 A 1 1 0 0 1 3 3 X C', place)).toEqual([
      { op: 'M', x: 10, y: 20 },
      { op: 'L', x: 12, y: 20 },
      { op: 'Q', x1: 12, y1: 22, x: 10, y: 22 },
      { op: 'B', x1: 10, y1: 24, x2: 12, y2: 24, x: 12, y: 22 },
      { op: 'L', x: 16, y: 26 },
      { op: 'C' },
    ]);
    expect(parseAbbreviatedData('M 1', place)).toEqual([]);
  });

  it('draws a path as it says (the ⊗ stroked, not filled) and an image only where its picture is known', () => {
    const calls: string[] = [];
    const canvas: OfdCanvas<string> = {
      beginPath: () => calls.push('begin'), moveTo: (x, y) => calls.push(`M ${x} ${y}`), lineTo: (x, y) => calls.push(`L ${x} ${y}`),
      quadraticCurveTo: () => calls.push('Q'), bezierCurveTo: () => calls.push('B'), closePath: () => calls.push('close'),
      fill: () => calls.push(`fill ${String(canvas.fillStyle)}`), stroke: () => calls.push(`stroke ${String(canvas.strokeStyle)} ${canvas.lineWidth}`),
      fillStyle: '', strokeStyle: '', lineWidth: 0, drawImage: (picture, x, y, w, h) => calls.push(`image ${picture} ${x} ${y} ${w} ${h}`),
    };
    drawOfdGraphic(canvas, { kind: 'path', commands: [{ op: 'M', x: 1, y: 2 }, { op: 'L', x: 3, y: 4 }, { op: 'C' }], stroke: 'rgb(0,0,0)', fill: null, lineWidth: 0.1 }, 2, () => null, 0.5);
    expect(calls).toEqual(['begin', 'M 2 4', 'L 6 8', 'close', 'stroke rgb(0,0,0) 0.5']);
    calls.length = 0;
    drawOfdGraphic(canvas, { kind: 'path', commands: [{ op: 'M', x: 0, y: 0 }], stroke: null, fill: 'rgb(255,0,0)', lineWidth: 1 }, 1, () => null, 0.5);
    expect(calls).toEqual(['begin', 'M 0 0', 'fill rgb(255,0,0)']);
    calls.length = 0;
    drawOfdGraphic(canvas, { kind: 'image', part: 'Doc_0/Res/seal.png', box: [1, 1, 2, 2] }, 10, (part) => (part === 'Doc_0/Res/seal.png' ? 'seal' : null), 0.5);
    drawOfdGraphic(canvas, { kind: 'image', part: 'Doc_0/Res/missing.png', box: [1, 1, 2, 2] }, 10, () => null, 0.5);
    expect(calls).toEqual(['image seal 10 10 20 20']);
  });
});
