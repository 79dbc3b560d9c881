// Real invoice pictures that are measured and never tuned on, in sets that each take over as the blind
// one when the pipeline has been changed with the last in view (see each set's README): `unseen-real`
// (test/fixtures/invoices/real-unseen, U01…), `blind-real` (test/fixtures/invoices/real-blind, B01…),
// `blind-real-3` (test/fixtures/invoices/real-blind-3, C01…), `blind-real-4` (test/fixtures/invoices/real-blind-4, D01…),
// `blind-real-5` (test/fixtures/invoices/real-blind-5, E01…), `blind-real-6` (test/fixtures/invoices/real-blind-6, F01…),
// `blind-real-7` (test/fixtures/invoices/real-blind-7, G01…), `blind-real-8` (test/fixtures/invoices/real-blind-8, H01…),
// `blind-real-9` (test/fixtures/invoices/real-blind-9, J01…), `blind-real-10` (test/fixtures/invoices/real-blind-10, K01…),
// `blind-real-11` (test/fixtures/invoices/real-blind-11, L01…), `blind-real-12` (test/fixtures/invoices/real-blind-12, M01…),
// `blind-real-13` (test/fixtures/invoices/real-blind-13, N01…), `blind-real-14` (test/fixtures/invoices/real-blind-14, Q01…)
// and `blind-real-15` (test/fixtures/invoices/real-blind-15, R01…).
// The ground truth of a set is in the repository; the pictures themselves are public files kept
// outside it, in shared/samples/<set folder>/img beside the checkout or where the set's environment
// variable points, each named, with its source and sha256, in the ground truth.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GroundTruthEntry, loadGroundTruth } from './ground-truth';

const INVOICE_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/invoices');

/** A set of real pictures measured and never tuned on. */
export interface MeasuredSet {
  /** The bench's set name; its kinds are reported as `<name>-kind:<kind>`. */
  name: 'unseen-real' | 'blind-real' | 'blind-real-3' | 'blind-real-4' | 'blind-real-5' | 'blind-real-6' | 'blind-real-7' | 'blind-real-8' | 'blind-real-9' | 'blind-real-10' | 'blind-real-11' | 'blind-real-12' | 'blind-real-13' | 'blind-real-14' | 'blind-real-15';
  /** The folder of its ground truth and README under test/fixtures/invoices (and under shared/samples). */
  folder: string;
  /** The environment variable naming the folder that holds its img/. */
  env: string;
  /** The letter before each picture's number: U01, B01, C01, D01, E01, F01, G01, H01, J01, K01, L01, M01, N01, Q01, R01. */
  prefix: string;
  /** How many pictures the set holds at the least (its ground truth is checked to name them all). */
  minimum: number;
  /** The largest picture file allowed, in MB (2 unless the set holds phone photos as the camera saved them). */
  largestMB?: number;
}

export const UNSEEN_REAL: MeasuredSet = { name: 'unseen-real', folder: 'real-unseen', env: 'REAL_UNSEEN_IMAGES', prefix: 'U', minimum: 6 };
export const BLIND_REAL: MeasuredSet = { name: 'blind-real', folder: 'real-blind', env: 'REAL_BLIND_IMAGES', prefix: 'B', minimum: 4 };
export const BLIND_REAL_3: MeasuredSet = { name: 'blind-real-3', folder: 'real-blind-3', env: 'REAL_BLIND3_IMAGES', prefix: 'C', minimum: 8 };
// Its photos are the camera's 13-megapixel JPEGs (2.3-2.9 MB), taken as they are.
export const BLIND_REAL_4: MeasuredSet = { name: 'blind-real-4', folder: 'real-blind-4', env: 'REAL_BLIND4_IMAGES', prefix: 'D', minimum: 8, largestMB: 3 };
export const BLIND_REAL_5: MeasuredSet = { name: 'blind-real-5', folder: 'real-blind-5', env: 'REAL_BLIND5_IMAGES', prefix: 'E', minimum: 4 };
// Its photos are the camera's 13-megapixel JPEGs (2.3-2.9 MB), taken as they are, as the fourth set's.
export const BLIND_REAL_6: MeasuredSet = { name: 'blind-real-6', folder: 'real-blind-6', env: 'REAL_BLIND6_IMAGES', prefix: 'F', minimum: 5, largestMB: 3 };
// Its photos are the camera's 13-megapixel JPEGs (2.6-2.8 MB), taken as they are, as the fourth and sixth sets'.
export const BLIND_REAL_7: MeasuredSet = { name: 'blind-real-7', folder: 'real-blind-7', env: 'REAL_BLIND7_IMAGES', prefix: 'G', minimum: 5, largestMB: 3 };
// Its photos are the camera's 13-megapixel JPEGs (2.6-2.9 MB), taken as they are, as the fourth, sixth and seventh sets'.
export const BLIND_REAL_8: MeasuredSet = { name: 'blind-real-8', folder: 'real-blind-8', env: 'REAL_BLIND8_IMAGES', prefix: 'H', minimum: 5, largestMB: 3 };
// Its photos are the camera's 13-megapixel JPEGs (2.4-2.9 MB), taken as they are, as the fourth, sixth, seventh and eighth sets'.
export const BLIND_REAL_9: MeasuredSet = { name: 'blind-real-9', folder: 'real-blind-9', env: 'REAL_BLIND9_IMAGES', prefix: 'J', minimum: 5, largestMB: 3 };
// Its photos are the camera's 13-megapixel JPEGs (2.6-2.8 MB), taken as they are, as the fourth, sixth, seventh, eighth and ninth sets'.
export const BLIND_REAL_10: MeasuredSet = { name: 'blind-real-10', folder: 'real-blind-10', env: 'REAL_BLIND10_IMAGES', prefix: 'K', minimum: 5, largestMB: 3 };
// Its photos are the camera's 13-megapixel JPEGs (2.4-2.8 MB), taken as they are, as the fourth, sixth, seventh, eighth, ninth and tenth sets'.
export const BLIND_REAL_11: MeasuredSet = { name: 'blind-real-11', folder: 'real-blind-11', env: 'REAL_BLIND11_IMAGES', prefix: 'L', minimum: 5, largestMB: 3 };
// Its photos are the camera's 13-megapixel JPEGs (2.3-2.8 MB), taken as they are, as the fourth and sixth to eleventh sets'.
export const BLIND_REAL_12: MeasuredSet = { name: 'blind-real-12', folder: 'real-blind-12', env: 'REAL_BLIND12_IMAGES', prefix: 'M', minimum: 4, largestMB: 3 };
// Its pictures are drawn from real e-invoice documents (PDF and OFD): a screenshot and a render of each one's first page.
export const BLIND_REAL_13: MeasuredSet = { name: 'blind-real-13', folder: 'real-blind-13', env: 'REAL_BLIND13_IMAGES', prefix: 'N', minimum: 10 };
// Drawn as the thirteenth set's are, from four other real e-invoice documents (two PDFs, two OFDs).
export const BLIND_REAL_14: MeasuredSet = { name: 'blind-real-14', folder: 'real-blind-14', env: 'REAL_BLIND14_IMAGES', prefix: 'Q', minimum: 8 };
// Drawn as the thirteenth and fourteenth sets' are, from eight other real e-invoice PDFs of one repository.
export const BLIND_REAL_15: MeasuredSet = { name: 'blind-real-15', folder: 'real-blind-15', env: 'REAL_BLIND15_IMAGES', prefix: 'R', minimum: 16 };
export const MEASURED_SETS: readonly MeasuredSet[] = [UNSEEN_REAL, BLIND_REAL, BLIND_REAL_3, BLIND_REAL_4, BLIND_REAL_5, BLIND_REAL_6, BLIND_REAL_7, BLIND_REAL_8, BLIND_REAL_9, BLIND_REAL_10, BLIND_REAL_11, BLIND_REAL_12, BLIND_REAL_13, BLIND_REAL_14, BLIND_REAL_15];

/** What the picture is: how it was made, as the bench groups them. */
export const PICTURE_KINDS = ['photo', 'scan', 'render', 'screenshot'] as const;
export type PictureKind = (typeof PICTURE_KINDS)[number];

export interface UnseenEntry extends GroundTruthEntry {
  repo: string;
  path: string;
  commit: string;
  license: string;
  picture: PictureKind;
  check_code: string | null;
  size: number;
  /** The printed taxpayer ids (buyer_tid, seller_tid) that fail their own check character, as printed. */
  tid_check_fails: ('buyer_tid' | 'seller_tid')[];
}

export function measuredSetDir(set: MeasuredSet): string {
  return resolve(INVOICE_FIXTURES, set.folder);
}

export function loadMeasuredGroundTruth(set: MeasuredSet): UnseenEntry[] {
  return loadGroundTruth(measuredSetDir(set)) as UnseenEntry[];
}

/** The short id of an entry: U01 from img/U01_…, B03 from img/B03_…, C02 from img/C02_…, D04 from img/D04_…, E03 from img/E03_…, F02 from img/F02_…, G05 from img/G05_…, H03 from img/H03_…, J02 from img/J02_…, K04 from img/K04_…, L05 from img/L05_…, M02 from img/M02_…, N07 from img/N07_…, Q03 from img/Q03_… */
export function measuredId(entry: { file: string }): string {
  return entry.file.slice(4, 7);
}

/**
 * The folder holding img/ of a set's pictures, or null when no copy is here: the set's environment
 * variable, else the fixture folder itself, else shared/samples/<folder> beside the checkout (or beside
 * the folder of worktrees). A folder counts only when it holds every picture the ground truth names.
 */
export function measuredImagesDir(set: MeasuredSet, entries: { file: string }[] = loadMeasuredGroundTruth(set)): string | null {
  const fixture = measuredSetDir(set);
  const root = resolve(fixture, '../../../..');
  const candidates = [
    process.env[set.env],
    fixture,
    resolve(root, '../shared/samples', set.folder),
    resolve(root, '../../shared/samples', set.folder),
  ].filter((dir): dir is string => dir !== undefined && dir !== '');
  return candidates.find((dir) => entries.every((entry) => existsSync(resolve(dir, entry.file)))) ?? null;
}
