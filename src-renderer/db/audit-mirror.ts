// The second copy of every dossier's review, outside IndexedDB. Chromium deletes an origin's whole
// IndexedDB when it finds it corrupt after a crash (db/store-continuity); without a copy elsewhere the
// reviewer's confirmed work would be gone. So after every committed audit entry (DossierStore
// onAuditAppend: each edit, import and claim mapping) the mirror writes, through the side store
// (platform/side-store: the desktop data folder, or the origin private file system in web mode):
//
//   mirror-<dossierId>.log.jsonl    the audit log: a header line {schema, dossierId}, then one entry a
//                                   line, appended as entries are made (rewritten only when the store's
//                                   chain no longer continues it, the mirror before kept whole in
//                                   superseded-<time>-<dossierId>.json: the store's chain may have
//                                   been rewritten, and the mirror is then the copy as it was)
//   mirror-<dossierId>.import-<sha256, 16 hex>.json
//                                   what only an import or a claim mapping changes: the dossier, its
//                                   documents and claims (several MB at 10,000 rows); written only when
//                                   it changed, under a name of its own content, so that the state
//                                   file naming the one before stays whole until it is replaced
//   mirror-<dossierId>.state.json   every row of the review (cuts, scores, checklist, comments, opinion,
//                                   sign-off, proposal decisions, confirmed invoice fields, finding
//                                   dispositions, links, placements, sample), bound to the chain head
//                                   {seq, hash} and to the import file by its name and SHA-256;
//                                   replaced atomically on every flush
//
// A per-edit flush reads the log from the last mirrored entry on and the review rows, appends the new
// entries and writes the state; the import file is written again only after an entry that changes it
// (dossier.import, claims.mapping), a rewritten chain, or once a session. A mirror of the first form
// (review-mirror@1: one state file holding the import rows too) is still read, and the next flush
// writes it in this form.
//
// Writing never blocks an edit: it is scheduled after the commit and started FLUSH_DELAY_MS later, one
// dossier after another; entries committed while a flush writes are written together as soon as it
// ends. A flush after an edit reads the invoices and findings its entries changed by id (the others
// are those it wrote before), so that it neither scans 10,000 invoices nor waits behind the engine
// rewriting the findings (goal: the mirror written within a second of the edit; bench mirror-latency-web).
// The originals (the dossier's files) are kept by db/original-mirror: the restore names the files whose
// originals are gone, to be imported again (the same files give the same dossier id, and the restored
// review goes on).
//
// Reading a mirror checks it as the store's integrity check does (core/audit): the chain from its first
// entry, the state head on the chain, the head kept outside the store (the witness) when there is one,
// the import file against the SHA-256 the state names, every mirrored row against the state the log
// leaves, and the manifest and file hashes against the dossier id. A mirror that fails is refused and
// named, set aside under refused-<name>, and never restored.
import { nextTask } from '../platform/next-task';
import type { SideStore } from '../platform/side-store';
import { checkAuditWitness, verifyAuditChain, type AuditWitness } from '../core/audit';
import { canonicalJson } from '../core/audit/canonical-json';
import type { Hasher } from '../core/ports';
import { auditedChanges, kindOfKey } from '../core/audit/replay';
import { dossierIdInSlices, stringifyInSlices, utf8InSlices } from './json-slices';
import type { FindingRow, InvoiceRow } from './schema';
import { auditedStateOf, reviewStateProblems, type DossierStore, type MirroredImportRows, type MirroredReviewRows, type MirroredRows, type MirrorRowIds, type MirrorSnapshot } from './store';
import type { AuditEntry } from './types';

/** The files the mirror is kept in: the side store outside IndexedDB. */
export type MirrorFiles = SideStore;

export const MIRROR_LOG_SCHEMA = 'dossier-desk/audit-mirror@1';
export const MIRROR_STATE_SCHEMA = 'dossier-desk/review-mirror@2';
/** The first form of the state file: the import rows in it too (still read; the next flush rewrites it). */
export const MIRROR_STATE_SCHEMA_V1 = 'dossier-desk/review-mirror@1';
export const MIRROR_IMPORT_SCHEMA = 'dossier-desk/import-mirror@1';
/** How long after a committed entry, when no flush is writing, the mirror's write starts (edits in that time are written together). */
export const FLUSH_DELAY_MS = 20;
/** The entries after which the import file is written again: the only ones that change the dossier, its documents or claims. */
const IMPORT_ACTIONS = new Set(['dossier.import', 'claims.mapping']);

export const mirrorLogName = (dossierId: string): string => `mirror-${dossierId}.log.jsonl`;
export const mirrorStateName = (dossierId: string): string => `mirror-${dossierId}.state.json`;
/**
 * The state file as a start found it, kept before the session's first write replaces it while its
 * check is still to come (AuditMirror.hold); checked with the mirror, removed once it passed.
 */
export const mirrorFoundStateName = (dossierId: string): string => `mirror-${dossierId}.state-found.json`;
/** A dossier's mirror set aside, at a time given as 14 digits, because the store's chain no longer continued it. */
export const supersededMirrorName = (stamp: string, dossierId: string): string => `superseded-${stamp}-${dossierId}.json`;
export const MIRROR_SUPERSEDED_SCHEMA = 'dossier-desk/superseded-mirror@1';
export const mirrorImportPrefix = (dossierId: string): string => `mirror-${dossierId}.import-`;
export const mirrorImportName = (dossierId: string, sha256: string): string => `${mirrorImportPrefix(dossierId)}${sha256.slice(0, 16)}.json`;
const STATE_FILE = /^mirror-([0-9a-f]{64})\.state\.json$/;
const IMPORT_FILE = /^mirror-([0-9a-f]{64})\.import-([0-9a-f]{16})\.json$/;

/** Which import file a state file goes with. */
interface ImportRef {
  file: string;
  sha256: string;
}

interface MirrorState {
  schema: typeof MIRROR_STATE_SCHEMA;
  dossierId: string;
  head: { seq: number; hash: string } | null;
  writtenAt: string;
  import: ImportRef;
  rows: MirroredReviewRows;
}

/** The state file of the first form. */
interface MirrorStateV1 {
  schema: typeof MIRROR_STATE_SCHEMA_V1;
  dossierId: string;
  head: { seq: number; hash: string } | null;
  writtenAt: string;
  rows: MirroredRows;
}

interface MirrorImport extends MirroredImportRows {
  schema: typeof MIRROR_IMPORT_SCHEMA;
  dossierId: string;
}

/** The phases of a mirror write, as User Timing measures (mirror.<phase>), the last write's only: read by the mirror-latency-web bench. */
const PHASES = ['wait', 'queue', 'read-log', 'snapshot', 'import', 'append', 'state', 'write'] as const;
function measure(phase: (typeof PHASES)[number], start: number): number {
  const end = performance.now();
  performance.measure(`mirror.${phase}`, { start, end });
  return end;
}

/** Writes each dossier's mirror after its audit entries are committed. */
export class AuditMirror {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  /** The last entry known to be in each dossier's mirrored log. */
  private readonly mirrored = new Map<string, { seq: number; hash: string } | null>();
  /** The import file each dossier's state names, once written (or found) in this session. */
  private readonly imports = new Map<string, ImportRef>();
  /**
   * Each dossier's confirmed invoices and disposed findings as last written, by row id: a flush reads
   * again only those its new entries changed (every change to them is an audit entry), not the whole
   * table (10,000 invoices at the issue's scale).
   */
  private readonly reviewRows = new Map<string, { invoices: Map<string, InvoiceRow>; findings: Map<string, FindingRow> }>();
  /**
   * The dossiers whose mirror a start found and left to be checked later (hold, then checkHeld): until
   * then their log is only appended to (never rewritten), their state as found is kept (in
   * mirrorFoundStateName) before it is first replaced, and no import file of theirs is removed.
   */
  private readonly unchecked = new Set<string>();
  /** Of those, the ones whose state as found is kept already. */
  private readonly foundKept = new Set<string>();

  constructor(
    private readonly store: DossierStore,
    private readonly files: MirrorFiles,
    private readonly hasher: Hasher,
    private readonly options: { delayMs?: number; now?: () => string; onError?: (dossierId: string, error: unknown) => void } = {},
  ) {}

  /** Follows the store: every committed entry schedules its dossier. Returns the unsubscribe. */
  follow(): () => void {
    return this.store.onAuditAppend((dossierId) => this.schedule(dossierId));
  }

  /** Per dossier, the seq of the last entry whose log line and state the mirror has written. */
  private readonly written = new Map<string, number>();
  /** The callers waiting for an entry to be mirrored (whenMirrored). */
  private readonly waiters = new Set<{ dossierId: string; seq: number; resolve: () => void }>();

  /**
   * Resolves once the mirror holds the dossier's entry `seq` (its log line and the state bound to it
   * written), or once a write of the dossier's mirror failed (told through onError): until then an
   * edit the store holds would not come back if the browser deleted the store.
   */
  whenMirrored(dossierId: string, seq: number): Promise<void> {
    if ((this.written.get(dossierId) ?? 0) >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ dossierId, seq, resolve }));
  }

  private settleWaiters(dossierId: string, failed: boolean): void {
    const written = this.written.get(dossierId) ?? 0;
    for (const waiter of this.waiters) {
      if (waiter.dossierId !== dossierId || (!failed && waiter.seq > written)) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  /** When each pending dossier was first scheduled (performance.now()). */
  private readonly scheduledAt = new Map<string, number>();

  /** Whether a flush is writing now (what is scheduled meanwhile is written as soon as it ends). */
  private writing = false;

  schedule(dossierId: string): void {
    this.pending.add(dossierId);
    if (!this.scheduledAt.has(dossierId)) this.scheduledAt.set(dossierId, performance.now());
    if (this.writing) return;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs ?? FLUSH_DELAY_MS);
  }

  /**
   * Mirrors these dossiers, whose mirror the store holds to its last entry, before their mirror is
   * checked (checkHeld): an edit made meanwhile reaches the mirror as soon as any other. Nothing is
   * written for them until an entry is committed.
   */
  hold(dossierIds: readonly string[]): void {
    for (const dossierId of dossierIds) this.unchecked.add(dossierId);
  }

  /**
   * Checks the mirrors held (readMirror: the chain, the entries this session appended included, the
   * witness, the state and the state as found at the start), then mirrors them as any other. A mirror
   * that fails is set aside and written anew from the store. Gives the mirrors refused.
   */
  async checkHeld(dossierIds: readonly string[], witnessOf: (dossierId: string) => Promise<AuditWitness | null>): Promise<RefusedMirror[]> {
    const refused: RefusedMirror[] = [];
    for (const dossierId of dossierIds) {
      // The log, the state and the state as found, read between two flushes (so that they agree); the
      // import files they name are written once under the name of their content and not removed meanwhile.
      const names = [mirrorStateName(dossierId), mirrorLogName(dossierId), mirrorFoundStateName(dossierId)];
      const texts = await this.between(async () => new Map(await Promise.all(names.map(async (name) => [name, await this.files.readSideFile(name)] as const))));
      // Each read and hash in a task of its own (nextTask): the check takes seconds at 10,000 rows, and a
      // reload or close waits for the window's thread; between two steps it goes, and the check with it.
      const view = { readSideFile: async (name: string) => {
        const text = texts.has(name) ? texts.get(name)! : await this.files.readSideFile(name);
        await nextTask();
        return text;
      } };
      const hasher: Hasher = { sha256: async (bytes) => {
        await nextTask();
        const hash = await this.hasher.sha256(bytes);
        await nextTask();
        return hash;
      } };
      const mirror = await readMirror(view, hasher, dossierId, await witnessOf(dossierId).catch(() => null));
      await this.between(async () => {
        this.unchecked.delete(dossierId);
        this.foundKept.delete(dossierId);
        // Written again as at the first write of a session: whole, from the store.
        this.mirrored.delete(dossierId);
        this.imports.delete(dossierId);
        this.reviewRows.delete(dossierId);
        if (mirror && !('rows' in mirror)) {
          refused.push(mirror);
          await setAside(this.files, dossierId);
        } else await this.files.removeSideFile(mirrorFoundStateName(dossierId));
      });
      this.schedule(dossierId);
    }
    return refused;
  }

  /** Runs work between two flushes (none writes meanwhile). */
  private between<T>(work: () => Promise<T>): Promise<T> {
    const run = this.running.then(work);
    this.running = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Writes every scheduled dossier now; resolves when they are written (errors go to onError). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const dossiers = [...this.pending];
    this.pending.clear();
    const flushedAt = performance.now();
    const scheduled = dossiers.map((dossierId) => this.scheduledAt.get(dossierId) ?? flushedAt);
    for (const dossierId of dossiers) this.scheduledAt.delete(dossierId);
    this.running = this.running.then(async () => {
      this.writing = true;
      for (const [index, dossierId] of dossiers.entries()) {
        try {
          for (const phase of PHASES) performance.clearMeasures(`mirror.${phase}`);
          measure('wait', scheduled[index]!);
          measure('queue', flushedAt);
          await this.write(dossierId);
          measure('write', scheduled[index]!);
          const head = this.mirrored.get(dossierId);
          if (head) this.written.set(dossierId, head.seq);
          this.settleWaiters(dossierId, false);
        } catch (error) {
          this.mirrored.delete(dossierId);
          this.imports.delete(dossierId);
          this.reviewRows.delete(dossierId);
          this.options.onError?.(dossierId, error);
          this.settleWaiters(dossierId, true);
        }
      }
      this.writing = false;
      // Entries committed while this flush wrote: written at once, together (they have waited already).
      if (this.pending.size > 0) void this.flush();
    });
    return this.running;
  }

  private async write(dossierId: string): Promise<void> {
    const logName = mirrorLogName(dossierId);
    let phase = performance.now();
    const unchecked = this.unchecked.has(dossierId);
    // A mirror not checked yet is only appended to: its last entry is the store's (hold), and it is not read whole now.
    if (unchecked && !this.mirrored.has(dossierId) && !(await this.takeUnchecked(dossierId))) return;
    const known = this.mirrored.has(dossierId) ? this.mirrored.get(dossierId)! : await lastMirroredEntry(await this.files.readSideFile(logName), dossierId);
    phase = measure('read-log', phase);
    const importKnown = this.imports.get(dossierId);
    const rowsKnown = known === undefined ? undefined : this.reviewRows.get(dossierId);
    // The log is read from the last mirrored entry on (that entry included, to see that the store's chain continues it).
    let snapshot = await this.store.mirrorSnapshot(dossierId, {
      fromSeq: known?.seq ?? 1,
      withImport: (entries) => !importKnown || entries.some((entry) => IMPORT_ACTIONS.has(entry.action)),
      // The invoices and findings by id: those the entries after the last mirrored one changed (all of them after a rewritten chain).
      ...(rowsKnown ? { only: (entries: readonly AuditEntry[]) => (known && entries[0]?.hash !== known.hash ? null : rowIdsChanged(dossierId, entries.filter((entry) => entry.seq > (known?.seq ?? 0)))) } : {}),
    });
    if (!snapshot) return;
    // A mirror ahead of the store is a restore not made (refused or pending): it is left as it is.
    if (known && snapshot.log.length === 0) return;
    const rewrite = known === undefined || (known !== null && snapshot.log[0]!.hash !== known.hash);
    // A mirror not checked yet is never rewritten (the check comes first), and its state is replaced only to bind a new entry.
    if (unchecked && (rewrite || !snapshot.log.some((entry) => entry.seq > (known?.seq ?? 0)))) return;
    if (rewrite && known) snapshot = await this.store.mirrorSnapshot(dossierId, { withImport: () => true });
    if (!snapshot) return;
    phase = measure('snapshot', phase);
    const { log, imported } = snapshot;
    const review = this.reviewRowsAfter(dossierId, snapshot, rowsKnown);
    const importRef = imported ? await this.writeImport(dossierId, imported, importKnown) : importKnown!;
    phase = measure('import', phase);
    if (rewrite) {
      if (known) await this.setAside(dossierId);
      await this.files.writeSideFile(logName, `${JSON.stringify({ schema: MIRROR_LOG_SCHEMA, dossierId })}\n${log.map((entry) => `${JSON.stringify(entry)}\n`).join('')}`);
    } else {
      const fresh = log.filter((entry) => entry.seq > (known?.seq ?? 0));
      if (fresh.length > 0) await this.files.appendSideFile(logName, fresh.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    }
    phase = measure('append', phase);
    const head = log.at(-1) ?? known ?? null;
    const bound = head ? { seq: head.seq, hash: head.hash } : null;
    this.mirrored.set(dossierId, bound);
    const state: MirrorState = { schema: MIRROR_STATE_SCHEMA, dossierId, head: bound, writtenAt: this.options.now?.() ?? new Date().toISOString(), import: importRef, rows: review };
    await this.files.writeSideFile(mirrorStateName(dossierId), JSON.stringify(state));
    measure('state', phase);
    if (importRef !== importKnown && !unchecked) {
      // Import files no state names any more (the one before, or one a crash left before its state was written).
      for (const name of await this.files.listSideFiles(mirrorImportPrefix(dossierId))) if (name !== importRef.file) await this.files.removeSideFile(name);
    }
  }

  /**
   * Takes up a held mirror not checked yet at its first write of the session: its last entry (the
   * store's, as the start found), the import file and the rows its state names (as a flush of this
   * session would have kept them), and keeps the state as found, unless a start before kept one that
   * was not checked yet. False when the mirror is not as the start found it (left to the check).
   */
  private async takeUnchecked(dossierId: string): Promise<boolean> {
    const logText = await this.files.readSideFile(mirrorLogName(dossierId));
    // A log whose last append was cut short is not appended to (the new line would join the torn one).
    const last = logText?.endsWith('\n') ? lastLoggedEntry(logText) : null;
    const stateText = await this.files.readSideFile(mirrorStateName(dossierId));
    if (!last || stateText === null || !isStateTextOf(stateText, dossierId)) return false;
    const state = JSON.parse(stateText) as MirrorState | MirrorStateV1;
    if (!this.foundKept.has(dossierId)) {
      const foundName = mirrorFoundStateName(dossierId);
      const kept = await this.files.readSideFile(foundName);
      if (kept === null || !isStateTextOf(kept, dossierId)) await this.files.writeSideFile(foundName, stateText);
      this.foundKept.add(dossierId);
    }
    if (state.schema === MIRROR_STATE_SCHEMA && typeof state.import?.file === 'string' && typeof state.import.sha256 === 'string') {
      this.imports.set(dossierId, { file: state.import.file, sha256: state.import.sha256 });
    }
    // The rows kept are those of the last entry only; a state behind its log (a kill between the two writes) has them read whole.
    if (state.head?.seq === last.seq && state.head.hash === last.hash && Array.isArray(state.rows.invoices) && Array.isArray(state.rows.findings)) {
      this.reviewRows.set(dossierId, {
        invoices: new Map(state.rows.invoices.map((row) => [row.id, row])),
        findings: new Map(state.rows.findings.map((row) => [row.id, row])),
      });
    }
    this.mirrored.set(dossierId, last);
    return true;
  }

  /**
   * The review rows to write: as read, when the whole review was read (and then kept); else the
   * invoices and findings kept, with those read again (by id) put in or taken out.
   */
  private reviewRowsAfter(dossierId: string, snapshot: MirrorSnapshot, known: { invoices: Map<string, InvoiceRow>; findings: Map<string, FindingRow> } | undefined): MirroredReviewRows {
    const { review, readOnly } = snapshot;
    const kept = readOnly && known ? known : { invoices: new Map<string, InvoiceRow>(), findings: new Map<string, FindingRow>() };
    if (readOnly) {
      for (const id of readOnly.invoices) kept.invoices.delete(id);
      for (const id of readOnly.findings) kept.findings.delete(id);
    }
    for (const row of review.invoices) kept.invoices.set(row.id, row);
    for (const row of review.findings) kept.findings.set(row.id, row);
    this.reviewRows.set(dossierId, kept);
    const byId = <T extends { id: string }>(rows: Map<string, T>): T[] => [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { ...review, invoices: byId(kept.invoices), findings: byId(kept.findings) };
  }

  /**
   * Keeps the mirror as it was (its log, state and import files, by name, in one JSON file
   * superseded-<time>-<dossierId>.json) before it is replaced by a chain that does not continue it:
   * that is either a new start after a lost store or a chain rewritten in the store, and in the
   * second case the mirror is the copy as it was.
   */
  private async setAside(dossierId: string): Promise<void> {
    const stamp = (this.options.now?.() ?? new Date().toISOString()).replace(/\D/g, '').slice(0, 14);
    const kept: Record<string, string> = {};
    for (const name of [mirrorLogName(dossierId), mirrorStateName(dossierId), ...await this.files.listSideFiles(mirrorImportPrefix(dossierId))]) {
      const text = await this.files.readSideFile(name);
      if (text !== null) kept[name] = text;
    }
    if (Object.keys(kept).length > 0) await this.files.writeSideFile(supersededMirrorName(stamp, dossierId), JSON.stringify({ schema: MIRROR_SUPERSEDED_SCHEMA, dossierId, files: kept }));
  }

  /** Writes the import rows under the name of their content, unless that file is there already; gives its name and hash. */
  private async writeImport(dossierId: string, imported: MirroredImportRows, current: ImportRef | undefined): Promise<ImportRef> {
    const content: MirrorImport = { schema: MIRROR_IMPORT_SCHEMA, dossierId, ...imported, dossier: { ...imported.dossier, auditHead: null } };
    // JSON.stringify's text, built a few milliseconds at a time: several MB at 10,000 rows held the window
    // in one task (0.4–1.4 s) at the first write of a session; its UTF-8 in slices too (0.3 s in one task).
    // The hash is WebCrypto's, off the window's thread.
    const text = (await stringifyInSlices(content))!;
    const sha256 = await this.hasher.sha256(await utf8InSlices(text));
    if (current?.sha256 === sha256) return current;
    const file = mirrorImportName(dossierId, sha256);
    if (!(await this.files.listSideFiles(file)).includes(file)) await this.files.writeSideFile(file, text);
    const written = { file, sha256 };
    this.imports.set(dossierId, written);
    return written;
  }
}

/**
 * The invoice and finding rows (by id) that `entries` changed, for a flush that has the others; null
 * (read them all) after an import or a claim mapping, which replace them.
 */
export function rowIdsChanged(dossierId: string, entries: readonly AuditEntry[]): MirrorRowIds | null {
  const invoices = new Set<string>();
  const findings = new Set<string>();
  for (const entry of entries) {
    if (IMPORT_ACTIONS.has(entry.action)) return null;
    for (const { key } of auditedChanges(entry)) {
      const rest = key.slice(key.indexOf(':') + 1);
      // invoice:<invoiceId>:<field> (the row's id is the invoice id); finding:<findingId> (the row's id is <dossierId>:<findingId>)
      if (kindOfKey(key) === 'invoice') invoices.add(rest.slice(0, rest.lastIndexOf(':')));
      else if (kindOfKey(key) === 'finding') findings.add(`${dossierId}:${rest}`);
    }
  }
  return { invoices: [...invoices], findings: [...findings] };
}

/** The last entry of a mirrored log: null for a log with no entry, undefined when there is no usable log. */
async function lastMirroredEntry(text: string | null, dossierId: string): Promise<{ seq: number; hash: string } | null | undefined> {
  if (text === null) return undefined;
  const parsed = parseMirrorLog(text, dossierId);
  if (!parsed.ok) return undefined;
  const last = parsed.entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

function parseMirrorLog(text: string, dossierId: string): { ok: true; entries: AuditEntry[] } | { ok: false; reason: string } {
  const lines = text.split('\n');
  // A crash in the middle of an append leaves the last line cut short (and no newline after it).
  if (lines.at(-1) !== '') {
    const torn = lines.pop()!;
    try {
      JSON.parse(torn);
      lines.push(torn);
    } catch {
      // the cut-short line is left out
    }
  } else lines.pop();
  let header: { schema?: unknown; dossierId?: unknown };
  try {
    header = JSON.parse(lines[0] ?? '') as typeof header;
  } catch {
    return { ok: false, reason: 'line 1 is not the mirror header' };
  }
  if (header.schema !== MIRROR_LOG_SCHEMA || header.dossierId !== dossierId) return { ok: false, reason: `line 1 names another schema or dossier than ${MIRROR_LOG_SCHEMA} of ${dossierId.slice(0, 12)}…` };
  const entries: AuditEntry[] = [];
  for (let index = 1; index < lines.length; index++) {
    try {
      entries.push(JSON.parse(lines[index]!) as AuditEntry);
    } catch {
      return { ok: false, reason: `line ${index + 1} is not an audit entry` };
    }
  }
  return { ok: true, entries };
}

/** A mirror read and checked: the rows and the log up to the state's head. */
export interface CheckedMirror {
  dossierId: string;
  rows: MirroredRows;
  log: AuditEntry[];
}

/** A mirror refused: which file, and why (naming the entry or the row). */
export interface RefusedMirror {
  dossierId: string;
  file: string;
  reason: string;
}

/** Reads and checks the mirror of a dossier; null when there is none. */
export async function readMirror(files: Pick<MirrorFiles, 'readSideFile'>, hasher: Hasher, dossierId: string, witness?: AuditWitness | null): Promise<CheckedMirror | RefusedMirror | null> {
  const stateFile = mirrorStateName(dossierId);
  const logFile = mirrorLogName(dossierId);
  const [stateText, logText, foundText] = await Promise.all([files.readSideFile(stateFile), files.readSideFile(logFile), files.readSideFile(mirrorFoundStateName(dossierId))]);
  if (stateText === null) return null;
  const current = await stateRowsOf(files, hasher, dossierId, stateText, stateFile);
  if ('reason' in current) return current;
  // The state as found at a start, kept before this session's first write replaced it (AuditMirror.hold):
  // checked as the state is, so that a tampered state is refused even after the app wrote over it. One
  // that is not whole (a kill while it was written, before the state was replaced) is not that state.
  const found = foundText !== null && foundText !== stateText && isStateTextOf(foundText, dossierId)
    ? await stateRowsOf(files, hasher, dossierId, foundText, stateFile, ` as found when the app opened (kept in ${mirrorFoundStateName(dossierId)})`)
    : null;
  if (found && 'reason' in found) return found;
  if (logText === null) return { dossierId, file: logFile, reason: 'the mirrored audit log is missing' };
  const parsed = parseMirrorLog(logText, dossierId);
  if (!parsed.ok) return { dossierId, file: logFile, reason: parsed.reason };
  const chain = await verifyAuditChain(parsed.entries, hasher);
  if (!chain.ok) return { dossierId, file: logFile, reason: chain.message };
  if (witness) {
    const outside = checkAuditWitness(parsed.entries, witness);
    // A witness past the mirror's end is an edit the kill took before it was mirrored, not a rewrite.
    if (outside && !(outside.problem === 'witness-missing' && witness.seq > parsed.entries.length)) return { dossierId, file: logFile, reason: outside.message };
  }
  if (found) {
    const problem = await stateProblem(hasher, dossierId, found, parsed.entries);
    if (problem) return problem;
  }
  return (await stateProblem(hasher, dossierId, current, parsed.entries)) ?? { dossierId, rows: current.rows, log: parsed.entries.slice(0, current.head?.seq ?? 0) };
}

/** A state file read, with the import rows it names: not yet held against the log. */
interface StateRows {
  head: { seq: number; hash: string } | null;
  rows: MirroredRows;
  /** The file its import rows are in (the state file itself in the first form). */
  importFile: string;
  /** The file named when it is refused, and what its reason starts with. */
  refuse: (reason: string, file?: string) => RefusedMirror;
}

/** Whether a text is a whole state file of this dossier (either form), unchecked. */
function isStateTextOf(text: string, dossierId: string): boolean {
  try {
    const state = JSON.parse(text) as Partial<MirrorState>;
    return (state.schema === MIRROR_STATE_SCHEMA || state.schema === MIRROR_STATE_SCHEMA_V1) && state.dossierId === dossierId;
  } catch {
    return false;
  }
}

/** Reads a state file's text and the import rows it names (checked against the hash it gives). */
async function stateRowsOf(files: Pick<MirrorFiles, 'readSideFile'>, hasher: Hasher, dossierId: string, stateText: string, stateFile: string, as = ''): Promise<StateRows | RefusedMirror> {
  const refuse = (reason: string, file = stateFile): RefusedMirror => ({ dossierId, file, reason: as ? `${file}${as}: ${reason}` : reason });
  let state: MirrorState | MirrorStateV1;
  try {
    state = JSON.parse(stateText) as MirrorState | MirrorStateV1;
  } catch {
    return refuse('it is not JSON');
  }
  if (![MIRROR_STATE_SCHEMA, MIRROR_STATE_SCHEMA_V1].includes(state.schema) || state.dossierId !== dossierId || typeof state.rows !== 'object' || state.rows === null) {
    return refuse(`it is not the ${MIRROR_STATE_SCHEMA} of dossier ${dossierId.slice(0, 12)}…`);
  }
  let rows: MirroredRows;
  if (state.schema === MIRROR_STATE_SCHEMA_V1) rows = state.rows;
  else {
    const imported = await readImport(files, hasher, dossierId, state.import, stateFile);
    if ('reason' in imported) return as ? refuse(imported.reason, imported.file) : imported;
    rows = { ...state.rows, dossier: imported.dossier, documents: imported.documents, claims: imported.claims };
  }
  if (rows.dossier?.id !== dossierId) return refuse(`it is not the ${MIRROR_STATE_SCHEMA} of dossier ${dossierId.slice(0, 12)}…`);
  return { head: state.head, rows, importFile: state.schema === MIRROR_STATE_SCHEMA_V1 ? stateFile : state.import.file, refuse };
}

/** What is wrong with a state against the mirrored log (its head on the chain, every row as the log leaves it, the claims and dossier id); null: nothing. */
async function stateProblem(hasher: Hasher, dossierId: string, state: StateRows, entries: readonly AuditEntry[]): Promise<RefusedMirror | null> {
  const { head, rows, refuse } = state;
  if (head && entries[head.seq - 1]?.hash !== head.hash) {
    return refuse(`its head (entry ${head.seq}, ${head.hash.slice(0, 12)}…) is not an entry of the mirrored audit log: one of the two was rewritten`);
  }
  const log = entries.slice(0, head?.seq ?? 0);
  const mismatches = reviewStateProblems(dossierId, log, auditedStateOf(dossierId, rows), 'the mirror');
  if (mismatches.length > 0) return refuse(mismatches.slice(0, 3).map((problem) => problem.message).join('; '));
  const manifestClaims = new Map(rows.dossier.manifest.claims.map((claim) => [claim.id, canonicalJson(claim)]));
  const changedClaim = rows.claims.find((row) => manifestClaims.get(row.claimId) !== canonicalJson(row.claim));
  if (changedClaim) return refuse(`claim ${changedClaim.claimId} does not match the dossier's manifest`, state.importFile);
  if (!log.some((entry) => entry.action === 'claims.mapping')) {
    const recomputed = await dossierIdInSlices(hasher, rows.dossier.manifest, rows.documents.map((document) => ({ path: document.path, sha256: document.sha256 })));
    if (recomputed !== dossierId) return refuse(`its manifest or file hashes no longer give the dossier id ${dossierId.slice(0, 12)}…`, state.importFile);
  }
  return null;
}

/** Reads the import file a state file names, checked against the SHA-256 the state gives for it. */
async function readImport(files: Pick<MirrorFiles, 'readSideFile'>, hasher: Hasher, dossierId: string, ref: ImportRef | undefined, stateFile: string): Promise<MirroredImportRows | RefusedMirror> {
  const named = typeof ref?.file === 'string' ? IMPORT_FILE.exec(ref.file) : null;
  if (!ref || !named || named[1] !== dossierId || typeof ref.sha256 !== 'string' || !ref.sha256.startsWith(named[2]!)) {
    return { dossierId, file: stateFile, reason: `it names no import file of dossier ${dossierId.slice(0, 12)}…` };
  }
  const refuse = (reason: string): RefusedMirror => ({ dossierId, file: ref.file, reason });
  const text = await files.readSideFile(ref.file);
  if (text === null) return { dossierId, file: stateFile, reason: `the mirrored import data it names, ${ref.file}, is missing` };
  const sha256 = await hasher.sha256(await utf8InSlices(text));
  if (sha256 !== ref.sha256) return refuse(`its SHA-256 ${sha256.slice(0, 12)}… is not the ${ref.sha256.slice(0, 12)}… that ${stateFile} names: it was rewritten`);
  let imported: MirrorImport;
  try {
    imported = JSON.parse(text) as MirrorImport;
  } catch {
    return refuse('it is not JSON');
  }
  if (imported.schema !== MIRROR_IMPORT_SCHEMA || imported.dossierId !== dossierId || imported.dossier?.id !== dossierId || !Array.isArray(imported.documents) || !Array.isArray(imported.claims)) {
    return refuse(`it is not the ${MIRROR_IMPORT_SCHEMA} of dossier ${dossierId.slice(0, 12)}…`);
  }
  return { dossier: imported.dossier, documents: imported.documents, claims: imported.claims };
}

export interface RestoredDossier {
  dossierId: string;
  applicant: string;
  /** Audit entries the store holds again. */
  entries: number;
  /** Files whose originals are not in the store: to be imported again. */
  missingFiles: string[];
}

export interface RestoreOutcome {
  restored: RestoredDossier[];
  refused: RefusedMirror[];
  /**
   * The dossiers whose mirror the store already holds to its last entry, so that there is nothing to
   * put back: with `checkHeldLater`, their mirrors are not read or checked by the restore, and are
   * checked afterwards by checkMirrors (a tampered one is refused and set aside then).
   */
  held?: string[];
}

/**
 * The last entry of a dossier's mirrored log, from its last whole line only (nothing else read or
 * checked): null when the log is missing or its last line is not an entry.
 */
function lastLoggedEntry(text: string | null): { seq: number; hash: string } | null {
  if (text === null) return null;
  // A crash in the middle of an append leaves the last line cut short: the line before is then the last whole one.
  // Only the tail is split (a 10,000-row log is megabytes).
  let from = text.length;
  for (let lines = 0; lines < 3 && from > 0; lines++) from = text.lastIndexOf('\n', from - 2) + 1;
  for (const line of text.slice(from).split('\n').reverse()) {
    if (line === '') continue;
    try {
      const entry = JSON.parse(line) as { seq?: unknown; hash?: unknown };
      if (typeof entry.seq === 'number' && typeof entry.hash === 'string') return { seq: entry.seq, hash: entry.hash };
      return null;
    } catch {
      // a line cut short: the one before
    }
  }
  return null;
}

/**
 * Whether the store holds the mirror's last entry (the same entry at the same place of its chain):
 * then a restore would put nothing back, whatever the rest of the mirror says, and its check can wait.
 */
async function storeHoldsMirror(store: DossierStore, files: MirrorFiles, dossierId: string): Promise<boolean> {
  const last = lastLoggedEntry(await files.readSideFile(mirrorLogName(dossierId)));
  if (!last) return false;
  return (await store.db.auditLog.get([dossierId, last.seq]))?.hash === last.hash;
}

/**
 * Checks the mirrors of these dossiers as a restore does (readMirror), and sets aside those that fail:
 * the check restoreFromMirrors left for later (`held`). Gives the mirrors refused.
 */
export async function checkMirrors(files: MirrorFiles, hasher: Hasher, dossierIds: readonly string[], witnessOf: (dossierId: string) => Promise<AuditWitness | null>): Promise<RefusedMirror[]> {
  const refused: RefusedMirror[] = [];
  for (const dossierId of dossierIds) {
    const mirror = await readMirror(files, hasher, dossierId, await witnessOf(dossierId).catch(() => null));
    if (!mirror || 'rows' in mirror) continue;
    refused.push(mirror);
    await setAside(files, dossierId);
  }
  return refused;
}

/**
 * Puts back every dossier whose mirror is ahead of the store (the store lost it, or lost its latest
 * entries). A mirror that fails its check is refused, named and set aside; a store whose chain the
 * mirror does not continue is left alone (the store is the store of record; its own check tells).
 */
export async function restoreFromMirrors(
  store: DossierStore, files: MirrorFiles, hasher: Hasher, witnessOf: (dossierId: string) => Promise<AuditWitness | null>, options: { checkHeldLater?: boolean } = {},
): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = { restored: [], refused: [] };
  const dossierIds = (await files.listSideFiles('mirror-')).map((name) => STATE_FILE.exec(name)?.[1]).filter((id): id is string => id !== undefined);
  for (const dossierId of dossierIds) {
    // Reading and checking a 10,000-row mirror takes seconds: when the store holds it all (the usual
    // start), that check need not come before the dossier is shown. A store the browser deleted is
    // always checked here, since a second start may have put the mirror back into it (below).
    if (options.checkHeldLater && !store.lostStore && await storeHoldsMirror(store, files, dossierId)) {
      (outcome.held ??= []).push(dossierId);
      continue;
    }
    const mirror = await readMirror(files, hasher, dossierId, await witnessOf(dossierId).catch(() => null));
    if (!mirror) continue;
    if (!('rows' in mirror)) {
      outcome.refused.push(mirror);
      await setAside(files, dossierId);
      continue;
    }
    const stored = await store.auditLog(dossierId);
    const last = stored.at(-1);
    const restored = async (): Promise<void> => {
      outcome.restored.push({
        dossierId, applicant: mirror.rows.dossier.applicantName || dossierId.slice(0, 12), entries: mirror.log.length, missingFiles: await store.missingOriginals(dossierId),
      });
    };
    if (last && mirror.log[last.seq - 1]?.hash !== last.hash) continue;
    if (stored.length >= mirror.log.length) {
      // A store the browser deleted and this open created anew that already holds the whole mirror
      // was put back by another start running at the same time (another window of the app, or a second
      // start in this one): restored all the same, and told as such, never as a store lost with nothing kept.
      const head = mirror.log.at(-1);
      if (store.lostStore && head && stored[head.seq - 1]?.hash === head.hash) await restored();
      continue;
    }
    await store.restoreDossier(mirror.rows, mirror.log);
    await restored();
  }
  return outcome;
}

/** Moves a refused mirror aside (refused-<name>), kept for whoever looks into it, so that mirroring starts anew. */
async function setAside(files: MirrorFiles, dossierId: string): Promise<void> {
  for (const name of [mirrorLogName(dossierId), mirrorStateName(dossierId), mirrorFoundStateName(dossierId), ...await files.listSideFiles(mirrorImportPrefix(dossierId))]) {
    const text = await files.readSideFile(name);
    if (text === null) continue;
    await files.writeSideFile(`refused-${name}`, text);
    await files.removeSideFile(name);
  }
}
