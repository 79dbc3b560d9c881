// The app's mirror of every dossier's review outside IndexedDB (db/audit-mirror) on the side store
// (platform/side-store): restored from at start-up when the store lost a dossier or its latest
// entries, then kept up to date after every committed entry. The reviewer's profile (who signs) is
// kept there too, and put back into a store that lost it; so are the originals (db/original-mirror),
// put back with a restored dossier.
import { AuditMirror, restoreFromMirrors, type RefusedMirror, type RestoreOutcome } from '../db/audit-mirror';
import { keepOriginals, keptOriginals, restoreOriginals, type StorageEstimate } from '../db/original-mirror';
import type { DeclaredRelation } from '../core/types';
import type { ReviewerRow } from '../db/schema';
import type { DossierStore } from '../db/store';
import { webCryptoHasher } from '../platform/hasher';
import { getSideStore, type SideStore } from '../platform/side-store';
import { REVIEWER_ID } from './store';
import { keptAuditHead } from './integrity';
import { witnessRestoredReadings } from './reading-witness';

let mirror: AuditMirror | null = null;

/**
 * Restores what the mirror holds beyond the store, then mirrors every dossier (those not mirrored
 * yet included) and every later entry. Called once, when the store has opened. With `checkHeldLater`
 * the mirrors the store already holds whole are not checked here (outcome.held) but by
 * checkHeldMirrors later; meanwhile an edit is mirrored at once all the same (AuditMirror.hold: their
 * log is only appended to, and the state found is kept to be checked), so that an edit made right
 * after the start is not kept in the store alone for the seconds the check takes.
 */
export async function restoreAndMirror(store: DossierStore, options: { checkHeldLater?: boolean; originalsAfter?: Promise<unknown> } = {}): Promise<RestoreOutcome> {
  const files = getSideStore();
  let held: readonly string[] = [];
  try {
    await restoreReviewerProfile(store, files).catch((error: unknown) => {
      console.warn(`${REVIEWER_PROFILE_FILE}: the reviewer's profile could not be put back (${error instanceof Error ? error.message : String(error)})`);
    });
    const outcome = await restoreFromMirrors(store, files, webCryptoHasher, keptAuditHead, options);
    held = outcome.held ?? [];
    for (const dossier of outcome.restored) {
      if (dossier.missingFiles.length > 0) dossier.missingFiles = await restoreOriginals(store, files, webCryptoHasher, dossier.dossierId);
      await witnessRestoredReadings(store, dossier.dossierId, { files }).catch((error: unknown) => {
        console.warn(`the readings restored for dossier ${dossier.dossierId} could not be recorded outside the store (${error instanceof Error ? error.message : String(error)})`);
      });
    }
    return outcome;
  } finally {
    await startMirroring(store, files, held, options.originalsAfter);
  }
}

/**
 * Checks the mirrors restoreAndMirror left for later (those the store held whole, mirrored meanwhile),
 * sets aside those that fail (written anew from the store), and mirrors them as any other. Gives the
 * mirrors refused.
 */
export async function checkHeldMirrors(store: DossierStore, held: readonly string[]): Promise<RefusedMirror[]> {
  if (!mirror) await startMirroring(store, getSideStore(), held);
  return mirror!.checkHeld(held, keptAuditHead);
}

async function startMirroring(store: DossierStore, files: SideStore, held: readonly string[], originalsAfter?: Promise<unknown>): Promise<void> {
  if (!mirror) {
    mirror = new AuditMirror(store, files, webCryptoHasher, {
      onError: (dossierId, error) => console.warn(`the mirror of dossier ${dossierId} could not be written: ${error instanceof Error ? error.message : String(error)}`),
    });
    mirror.follow();
  }
  mirror.hold(held);
  // The ids only: reading every dossier's row whole (a 10,000-row manifest) cost the start a long read.
  // A mirror held is written once an entry comes, or once it is checked.
  for (const dossierId of await store.db.dossiers.toCollection().primaryKeys()) {
    if (!held.includes(dossierId)) mirror.schedule(dossierId);
    void keepOriginalsOf(store, dossierId, files, browserEstimate, originalsAfter);
  }
}

/**
 * Resolves once the mirror holds the dossier's entry `seq` (or its write failed), at the latest after
 * `waitMs`; at once where no mirror is kept (before the store has opened).
 */
export function mirrored(dossierId: string, seq: number, waitMs = MIRROR_WAIT_MS): Promise<void> {
  if (!mirror) return Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    mirror.whenMirrored(dossierId, seq),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); }),
  ]).finally(() => clearTimeout(timer));
}

/** The longest an edit shows as "saving" for its mirror (a mirror held back, or a side store that hangs). */
export const MIRROR_WAIT_MS = 10_000;

let originalsKept: Promise<unknown> = Promise.resolve();
let knownOriginals: Promise<{ names: Set<string>; bytes: number }> | null = null;

/** Web mode's room: the origin's usage against its quota; the desktop's data folder does not say (null). */
const browserEstimate: StorageEstimate = async () => {
  if (typeof window === 'undefined' || window.dossierDesk || typeof navigator.storage?.estimate !== 'function') return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage !== undefined && quota !== undefined ? { usage, quota } : null;
};

/**
 * Keeps a dossier's originals outside IndexedDB too (after its import; at start-up for dossiers
 * imported before), one dossier after another, in the background; what is not kept is told on the console.
 * It begins once `after` has settled: at start-up, once the dossier to open is shown (it reads every
 * document row of each dossier, 0.74 s of the browser's IndexedDB at 10,000 rows, queued ahead of the opening's reads).
 */
export function keepOriginalsOf(store: DossierStore, dossierId: string, files: SideStore = getSideStore(), estimate: StorageEstimate = browserEstimate, after: Promise<unknown> = Promise.resolve()): Promise<void> {
  const run = originalsKept.then(() => after).then(async () => {
    knownOriginals ??= keptOriginals(store, files);
    knownOriginals.catch(() => { knownOriginals = null; });
    const outcome = await keepOriginals(store, files, dossierId, estimate, await knownOriginals);
    for (const { path, reason } of outcome.notKept) console.warn(`${path}: its original is not kept outside the store (${reason})`);
  }).catch((error: unknown) => {
    console.warn(`the originals of dossier ${dossierId} could not be kept outside the store (${error instanceof Error ? error.message : String(error)})`);
  });
  originalsKept = run;
  return run;
}

export const REVIEWER_PROFILE_FILE = 'reviewer-profile.json';

/** Keeps the reviewer's profile outside IndexedDB too (written after the store has it; a failure is told, not thrown). */
export async function mirrorReviewerProfile(profile: ReviewerRow, files?: SideStore): Promise<void> {
  try {
    await (files ?? getSideStore()).writeSideFile(REVIEWER_PROFILE_FILE, JSON.stringify(profile));
  } catch (error) {
    console.warn(`${REVIEWER_PROFILE_FILE}: the reviewer's profile could not be kept outside the store (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * A store that holds no named reviewer (the browser deleted it, or a new store) takes the profile kept
 * outside it, when that one names someone; a named profile in the store is never replaced.
 */
export async function restoreReviewerProfile(store: DossierStore, files: SideStore): Promise<boolean> {
  const current = await store.reviewerProfile(REVIEWER_ID);
  if (current.name.trim() !== '') return false;
  const text = await files.readSideFile(REVIEWER_PROFILE_FILE);
  if (text === null) return false;
  const kept = reviewerRowOf(JSON.parse(text) as unknown);
  if (!kept || kept.id !== REVIEWER_ID || kept.name.trim() === '') throw new Error('not a reviewer profile');
  await store.saveReviewerProfile(kept);
  return true;
}

function reviewerRowOf(value: unknown): ReviewerRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  const text = (key: string) => (typeof row[key] === 'string' ? row[key] : null);
  const [id, name, role, organisation] = [text('id'), text('name'), text('role'), text('organisation')];
  if (id === null || name === null || role === null || organisation === null || !Array.isArray(row.relations)) return null;
  const relations = row.relations.filter((relation): relation is DeclaredRelation =>
    typeof relation === 'object' && relation !== null && typeof (relation as DeclaredRelation).name === 'string' && ['employer', 'client'].includes((relation as DeclaredRelation).relation));
  return { id, name, role, organisation, relations, ...(text('updatedAt') !== null ? { updatedAt: text('updatedAt')! } : {}) };
}

