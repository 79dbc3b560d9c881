// The unseen real invoice pictures (test/fixtures/invoices/real-unseen, see its README): measured,
// never tuned on. The ground truth is in the repository; the pictures themselves are public files
// kept beside the checkout in shared/samples/real-unseen/img (or where REAL_UNSEEN_IMAGES points),
// each named, with its source and sha256, in the ground truth.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GroundTruthEntry, loadGroundTruth } from './ground-truth';

export const REAL_UNSEEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/invoices/real-unseen');

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

export function loadUnseenGroundTruth(): UnseenEntry[] {
  return loadGroundTruth(REAL_UNSEEN_DIR) as UnseenEntry[];
}

/** The short id of an entry: U01 from img/U01_… */
export function unseenId(entry: { file: string }): string {
  return entry.file.slice(4, 7);
}

/**
 * The folder holding img/ of the unseen pictures, or null when no copy is here: REAL_UNSEEN_IMAGES,
 * else the fixture folder itself, else shared/samples/real-unseen beside the checkout (or beside the
 * folder of worktrees). A folder counts only when it holds every picture the ground truth names.
 */
export function realUnseenImagesDir(entries: { file: string }[] = loadUnseenGroundTruth()): string | null {
  const root = resolve(REAL_UNSEEN_DIR, '../../../..');
  const candidates = [
    process.env.REAL_UNSEEN_IMAGES,
    REAL_UNSEEN_DIR,
    resolve(root, '../shared/samples/real-unseen'),
    resolve(root, '../../shared/samples/real-unseen'),
  ].filter((dir): dir is string => dir !== undefined && dir !== '');
  return candidates.find((dir) => entries.every((entry) => existsSync(resolve(dir, entry.file)))) ?? null;
}
