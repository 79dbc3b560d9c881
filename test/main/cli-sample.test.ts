import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareReviewWithAuditLog, verifyAuditChain } from '../../src-renderer/core/audit';
import { importDossier } from '../../src-renderer/core/import';
import { parseReviewText } from '../../src-renderer/core/review';
import { declaredPopulation, drawSample, type SampleRequest } from '../../src-renderer/core/sampling';
import { webCryptoHasher } from '../../src-renderer/platform/hasher';
import { testHasher } from '../core/import/hasher';
import { cli, withoutProgress } from './run-cli';

let scratch = '';
let dossier = '';
const ROWS = 400;

/** Amounts from 500.00 to about 40,000 yuan, a few large rows, in a fixed pattern. */
function amountOf(index: number): string {
  const fen = index % 97 === 0 ? 900_000_00 : 50_000 + ((index * 7919) % 3_950_000);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-cli-sample-'));
  dossier = join(scratch, 'dossier');
  await mkdir(dossier);
  await writeFile(join(dossier, 'dossier.json'), JSON.stringify({
    schema: 'dossier-desk/dossier@1',
    program: 'shenzhen-2024-dsp',
    applicant: { name: '深圳市抽样测试科技有限公司', creditCode: '91440300SAMPLE0001', category: 'comprehensive' },
    documents: [],
    claims: Array.from({ length: ROWS }, (_, index) => ({ id: `R${String(index + 1).padStart(4, '0')}`, counterparty: `客户${index + 1}`, amount: amountOf(index + 1) })),
  }));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('dossier-desk sample', () => {
  it('prints the plan of DESIGN.md, the same for the same seed, with every key item', async () => {
    const args = ['sample', dossier, '--method', 'mus', '--seed', 'audit-2024', '--confidence', '0.95', '--tolerable', '0.05', '--expected', '0.01', '--json'];
    const first = await cli(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect((await cli(args)).stdout).toBe(first.stdout);
    const plan = JSON.parse(first.stdout);
    for (const field of ['method', 'seed', 'populationFen', 'populationCount', 'keyItemFen', 'intervalFen', 'size', 'keyItems', 'sample']) expect(plan).toHaveProperty(field);
    expect(plan.populationCount).toBe(ROWS);
    // The four 900,000-yuan rows are above the interval the rates allow: key items, all in the sample.
    expect(plan.keyItems).toEqual(['R0097', 'R0194', 'R0291', 'R0388']);
    for (const id of plan.keyItems) expect(plan.sample).toContainEqual({ claimId: id, amountFen: 90_000_000, reason: 'key' });
    expect(plan.sample.filter((row: { reason: string }) => row.reason === 'selected').length).toBeGreaterThan(0);
    const other = JSON.parse((await cli([...args.slice(0, 4), '--seed', 'audit-2025', ...args.slice(6)])).stdout);
    expect(other.sample).not.toEqual(plan.sample);
  });

  it('writes the plan into a review with its audit-log entry, and check projects the cuts through it', async () => {
    const out = join(scratch, 'review.json');
    const drawn = await cli(['sample', dossier, '--method', 'mus', '--seed', 'audit-2024', '--size', '30', '--reviewer', '审核员甲', '--out', out]);
    expect(drawn.stderr).toBe('');
    expect(drawn.stdout).toContain('抽样计划已写入评审文件');
    const { review } = parseReviewText(await readFile(out, 'utf8'), out);
    expect(review.sample?.size).toBe(30);
    expect(review.auditLog).toHaveLength(1);
    expect(review.auditLog[0]).toMatchObject({ action: 'sample.draw', target: 'review:cli', actor: '审核员甲', before: null, after: review.sample });
    expect((await verifyAuditChain(review.auditLog, testHasher)).ok).toBe(true);
    // The log replays to the plan the file holds; a plan changed behind the log's back is named.
    expect(compareReviewWithAuditLog(review, review.auditLog)).toEqual([]);
    const tampered = { ...review, sample: { ...review.sample!, seed: 'other' } };
    expect(compareReviewWithAuditLog(tampered, tampered.auditLog).map((mismatch) => mismatch.key)).toEqual(['review:sample']);

    const selected = review.sample!.sample.filter((row) => row.reason === 'selected');
    const cuts = selected.slice(0, 3).map((row) => ({ claimId: row.claimId, amount: '100.00', reason: 'amount-mismatch' }));
    const withCuts = join(scratch, 'review-cuts.json');
    await writeFile(withCuts, JSON.stringify({ ...review, cuts }));
    const checked = await cli(['check', dossier, '--review', withCuts, '--json']);
    expect(withoutProgress(checked.stderr)).toBe('');
    const report = JSON.parse(checked.stdout);
    expect(report.projection).toMatchObject({ sampleCutFen: 30_000, confidence: '0.95', threshold: report.threshold });
    for (const field of ['sampleFen', 'sampleCutFen', 'projectedCutFen', 'upperCutFen', 'projectedRatio', 'upperRatio', 'confidence']) expect(report.projection).toHaveProperty(field);
    expect(report.projection.projectedCutFen).toBeGreaterThan(report.cutFen);
    expect(report.projection.upperCutFen).toBeGreaterThan(report.projection.projectedCutFen);
    const text = await cli(['check', dossier, '--review', withCuts]);
    expect(text.stdout).toContain('抽样推断（MUS');
  });

  it('redraws into an existing review: unknown fields kept, the log chained on', async () => {
    const base = join(scratch, 'base.json');
    await writeFile(base, JSON.stringify({
      schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '审核员乙', role: 'auditor' },
      cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [], workingPaper: 'WP-7',
    }));
    const first = join(scratch, 'first.json');
    const second = join(scratch, 'second.json');
    expect((await cli(['sample', dossier, '--method', 'random', '--seed', 'a', '--size', '10', '--review', base, '--out', first])).code).toBe(0);
    expect((await cli(['sample', dossier, '--method', 'random', '--seed', 'b', '--size', '12', '--review', first, '--out', second])).code).toBe(0);
    const { review } = parseReviewText(await readFile(second, 'utf8'), second);
    expect(review.workingPaper).toBe('WP-7');
    expect(review.sample?.seed).toBe('b');
    expect(review.auditLog.map((entry) => entry.action)).toEqual(['sample.draw', 'sample.draw']);
    expect(review.auditLog[1]!.before).toMatchObject({ seed: 'a', size: 10 });
    expect(compareReviewWithAuditLog(review, review.auditLog)).toEqual([]);
    expect((await verifyAuditChain(review.auditLog, testHasher)).ok).toBe(true);
  });

  it('draws in the app (the dossier imported as the app imports it, WebCrypto) exactly the sample the CLI prints', async () => {
    const report = await importDossier([{ path: 'dossier.json', bytes: await readFile(join(dossier, 'dossier.json')) }], { hasher: webCryptoHasher });
    const population = declaredPopulation(report.manifest);
    const requests: { request: SampleRequest; args: string[] }[] = [
      { request: { method: 'mus', seed: 'audit-2024', confidence: '0.95', tolerable: '0.05', expected: '0.01' }, args: ['--confidence', '0.95', '--tolerable', '0.05', '--expected', '0.01'] },
      { request: { method: 'mus', seed: '审计 2024', size: 40, keyItemFen: 3_000_000 }, args: ['--size', '40', '--key-items', '30000'] },
      { request: { method: 'random', seed: '00417263', confidence: '0.90', tolerable: '0.1', expected: '0' }, args: ['--confidence', '0.90', '--tolerable', '0.1', '--expected', '0'] },
      { request: { method: 'random', seed: 'x', size: 25, keyItemFen: 50_000_000 }, args: ['--size', '25', '--key-items', '500000.00'] },
    ];
    for (const { request, args } of requests) {
      const printed = await cli(['sample', dossier, '--method', request.method, '--seed', request.seed, ...args, '--json']);
      expect(printed.code).toBe(0);
      const drawnInApp = await drawSample(population, request, webCryptoHasher);
      expect(drawnInApp).toEqual(JSON.parse(printed.stdout));
      expect(drawnInApp.sample.length).toBeGreaterThan(0);
    }
  });

  it('says what is wrong with the arguments', async () => {
    expect((await cli(['sample', dossier, '--method', 'mus', '--size', '5'])).code).toBe(2);
    expect((await cli(['sample', dossier, '--method', 'stratified', '--seed', 'x', '--size', '5'])).code).toBe(2);
    expect((await cli(['sample', dossier, '--method', 'mus', '--seed', 'x', '--size', '5', '--tolerable', '0.1'])).code).toBe(2);
    expect((await cli(['sample', dossier, '--method', 'mus', '--seed', 'x', '--size', '5', '--out', join(scratch, 'x.json')])).code).toBe(2);
    const confidence = await cli(['sample', dossier, '--method', 'mus', '--seed', 'x', '--tolerable', '0.1', '--confidence', '0.97']);
    expect(confidence.code).toBe(3);
    expect(confidence.stderr).toContain('0.97');
    const missing = await cli(['sample', join(scratch, 'nowhere'), '--method', 'mus', '--seed', 'x', '--size', '5']);
    expect(missing.code).toBe(3);
  });
});
