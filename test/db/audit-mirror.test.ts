// The mirror of each dossier's review outside IndexedDB (db/audit-mirror.ts): written after every
// committed entry, read back with its chain, head and rows checked, and restored into a store that
// lost the dossier (Chromium deleted it) or its latest entries; a rewritten mirror is refused and named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashAuditEntry, type AuditWitness } from '../../src-renderer/core/audit';
import type { AuditEntry } from '../../src-renderer/core/types';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, checkMirrors, mirrorImportPrefix, mirrorLogName, mirrorStateName, readMirror, restoreFromMirrors, supersededMirrorName } from '../../src-renderer/db/audit-mirror';
import { isSideFileName } from '../../src-main/shared/contract';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';
import { mirroredSmallDossier } from './mirrored-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;


const openStore = () => new DossierStore({ hasher: testHasher, clock, name: `mirror-test-${counter++}`, storage: {} }).open();
const noWitness = async () => null;

describe('the audit mirror', () => {
  let store: DossierStore;
  let files: ReturnType<typeof memorySideStore>;
  let mirror: AuditMirror;
  let id: string;
  beforeEach(async () => {
    store = await openStore();
    files = memorySideStore();
    ({ mirror, id } = await mirroredSmallDossier(store, files, clock.now));
    await store.recordReviewChange(id, 'local', { action: 'comment.set', target: 'comment:local:innovation', after: '创新点论证充分' }, '审查员');
    await store.setReviewer(id, 'local', { name: '张三', role: 'auditor' }, '审查员');
    await store.decideProposal(id, 'local', 'C02:no-invoice', 'C02', { status: 'rejected', note: '已核实' }, '审查员');
    await store.signOff(id, 'local', '2024-10-20T11:00:00+08:00', '张三');
    await mirror.flush();
  });
  afterEach(() => store.close());

  it('is written after the entries are committed, one appended line an entry, bound to the head', async () => {
    const log = await store.auditLog(id);
    const lines = files.files.get(mirrorLogName(id))!.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + log.length);
    expect(JSON.parse(lines[0]!)).toEqual({ schema: 'dossier-desk/audit-mirror@1', dossierId: id });
    const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { head: { seq: number; hash: string } };
    expect(state.head).toEqual({ seq: log.length, hash: log.at(-1)!.hash });
    // A later edit is appended, the earlier lines left as they were.
    const before = files.files.get(mirrorLogName(id))!;
    await store.setFindingStatus(id, 'nonexistent', 'accepted', undefined, '张三').catch(() => undefined);
    await store.recordReviewChange(id, 'other', { action: 'score.set', target: 'score:other:innovation', after: '12' }, '李四');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await mirror.flush();
    const after = files.files.get(mirrorLogName(id))!;
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length).trimEnd().split('\n')).toHaveLength(1);
  });

  it('brings the whole review back into a store the browser deleted, and names the files to import again', async () => {
    const expectedState = await store.storedAuditedState(id);
    const expectedLog = await store.auditLog(id);
    const fresh = await openStore();
    try {
      const outcome = await restoreFromMirrors(fresh, files, testHasher, noWitness);
      expect(outcome.refused).toEqual([]);
      expect(outcome.restored).toEqual([{ dossierId: id, applicant: '甲公司', entries: expectedLog.length, missingFiles: ['contract.pdf', 'invoices/001.xml'] }]);
      expect(await fresh.storedAuditedState(id)).toEqual(expectedState);
      expect(await fresh.auditLog(id)).toEqual(expectedLog);
      expect((await fresh.review(id, 'local')).decision.signedAt).toBe('2024-10-20T11:00:00+08:00');
      expect((await fresh.getDossier(id))?.auditHead).toEqual({ seq: expectedLog.length, hash: expectedLog.at(-1)!.hash });
      const report = await fresh.checkIntegrity(id);
      expect(report.problems).toEqual([]);
      // Restoring again finds nothing to do.
      expect((await restoreFromMirrors(fresh, files, testHasher, noWitness)).restored).toEqual([]);
      // The same files imported again give the same dossier, its originals back and the review kept.
      await fresh.saveImport(await smallDossier(), '审查员');
      expect(await fresh.missingOriginals(id)).toEqual([]);
      expect(await fresh.storedAuditedState(id)).toEqual(expectedState);
      expect((await fresh.checkIntegrity(id)).problems).toEqual([]);
    } finally {
      fresh.close();
    }
  });

  it('puts back the latest entries a store lost, keeping what it holds', async () => {
    const full = await store.auditLog(id);
    const kept = 3;
    await store.db.auditLog.where('[dossierId+seq]').between([id, kept + 1], [id, Infinity]).delete();
    await store.db.scores.clear();
    await store.db.reviews.clear();
    await store.db.proposalDecisions.clear();
    await store.db.auditHeads.put({ dossierId: id, seq: kept, hash: full[kept - 1]!.hash });
    const outcome = await restoreFromMirrors(store, files, testHasher, noWitness);
    expect(outcome.restored.map((restored) => [restored.dossierId, restored.entries, restored.missingFiles])).toEqual([[id, full.length, []]]);
    expect(await store.auditLog(id)).toEqual(full);
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
  });

  describe('at a start that leaves the check of a mirror the store holds whole for later (checkHeldLater)', () => {
    const tamperCut = () => {
      const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { rows: { cuts: { cut: { amount: string } }[] } };
      state.rows.cuts[0]!.cut.amount = '5.00';
      files.files.set(mirrorStateName(id), JSON.stringify(state));
    };

    it('does not read the mirror of a store that holds it all, and the later check refuses a tampered one and sets it aside', async () => {
      tamperCut();
      const read: string[] = [];
      const watched = { ...files, readSideFile: (name: string) => { read.push(name); return files.readSideFile(name); } };
      const outcome = await restoreFromMirrors(store, watched, testHasher, noWitness, { checkHeldLater: true });
      expect(outcome).toEqual({ restored: [], refused: [], held: [id] });
      // Only the log, for its last line: neither the state nor the import file.
      expect(read).toEqual([mirrorLogName(id)]);
      const refused = await checkMirrors(files, testHasher, outcome.held!, noWitness);
      expect(refused).toEqual([{ dossierId: id, file: mirrorStateName(id), reason: expect.stringMatching(/cut C01: the mirror holds 5\.00/) as unknown as string }]);
      expect(files.files.has(`refused-${mirrorStateName(id)}`)).toBe(true);
      expect(files.files.has(mirrorStateName(id))).toBe(false);
    });

    it('finds nothing to refuse in a mirror that is whole', async () => {
      const outcome = await restoreFromMirrors(store, files, testHasher, noWitness, { checkHeldLater: true });
      expect(outcome.held).toEqual([id]);
      expect(await checkMirrors(files, testHasher, [id], noWitness)).toEqual([]);
      expect(files.files.has(mirrorStateName(id))).toBe(true);
    });

    it('still checks, and restores, a mirror ahead of the store before it answers', async () => {
      const full = await store.auditLog(id);
      await store.db.auditLog.where('[dossierId+seq]').between([id, 4], [id, Infinity]).delete();
      await store.db.auditHeads.put({ dossierId: id, seq: 3, hash: full[2]!.hash });
      const outcome = await restoreFromMirrors(store, files, testHasher, noWitness, { checkHeldLater: true });
      expect(outcome.held).toBeUndefined();
      expect(outcome.restored.map((restored) => restored.entries)).toEqual([full.length]);
      expect(await store.auditLog(id)).toEqual(full);
    });

    it('refuses at once a tampered mirror of a store the browser deleted, never restoring it', async () => {
      tamperCut();
      const fresh = await openStore();
      try {
        const outcome = await restoreFromMirrors(fresh, files, testHasher, noWitness, { checkHeldLater: true });
        expect(outcome.held).toBeUndefined();
        expect(outcome.restored).toEqual([]);
        expect(outcome.refused.map((refused) => refused.file)).toEqual([mirrorStateName(id)]);
        expect(await fresh.listDossiers()).toEqual([]);
      } finally {
        fresh.close();
      }
    });

    it('checks at once a mirror whose last entry the store holds otherwise', async () => {
      const [header, ...lines] = files.files.get(mirrorLogName(id))!.trimEnd().split('\n');
      const last = JSON.parse(lines.at(-1)!) as AuditEntry;
      lines[lines.length - 1] = JSON.stringify({ ...last, hash: '0'.repeat(64) });
      files.files.set(mirrorLogName(id), `${header}\n${lines.join('\n')}\n`);
      const outcome = await restoreFromMirrors(store, files, testHasher, noWitness, { checkHeldLater: true });
      expect(outcome.held).toBeUndefined();
      expect(outcome.refused.map((refused) => refused.file)).toEqual([mirrorLogName(id)]);
    });
  });

  it('leaves a store alone whose chain the mirror does not continue', async () => {
    const other = memorySideStore();
    const otherStore = await openStore();
    try {
      const otherMirror = new AuditMirror(otherStore, other, testHasher, { delayMs: 5 });
      otherMirror.follow();
      await otherStore.saveImport(await smallDossier(), '别人');
      await otherStore.setScore(id, 'local', 'innovation', '3', '别人');
      await otherStore.setScore(id, 'local', 'innovation', '4', '别人');
      await otherStore.setScore(id, 'local', 'innovation', '5', '别人');
      await otherStore.setScore(id, 'local', 'innovation', '6', '别人');
      await otherStore.setScore(id, 'local', 'innovation', '7', '别人');
      await otherStore.setScore(id, 'local', 'innovation', '8', '别人');
      await otherMirror.flush();
      const before = await store.auditLog(id);
      expect((await restoreFromMirrors(store, other, testHasher, noWitness)).restored).toEqual([]);
      expect(await store.auditLog(id)).toEqual(before);
    } finally {
      otherStore.close();
    }
  });

  it('keeps the import rows in a file of their own, written only when an import or a claim mapping changed them', async () => {
    const importFiles = () => [...files.files.keys()].filter((name) => name.startsWith(mirrorImportPrefix(id)));
    const [importFile] = importFiles();
    expect(importFiles()).toHaveLength(1);
    const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { schema: string; import: { file: string; sha256: string }; rows: Record<string, unknown> };
    expect(state.schema).toBe('dossier-desk/review-mirror@2');
    expect(state.import.file).toBe(importFile);
    expect(state.import.sha256).toBe(await testHasher.sha256(new TextEncoder().encode(files.files.get(importFile!)!)));
    expect(Object.keys(state.rows)).not.toContain('documents');
    expect(Object.keys(state.rows)).not.toContain('claims');
    expect(Object.keys(state.rows)).not.toContain('dossier');
    // An edit: the log entry appended and the review rows written; the import file is not written again.
    const written: string[] = [];
    const write = files.writeSideFile;
    files.writeSideFile = async (name, text) => { written.push(name); return write(name, text); };
    await store.recordReviewChange(id, 'other', { action: 'score.set', target: 'score:other:innovation', after: '12' }, '李四');
    await mirror.flush();
    expect(written).toEqual([mirrorStateName(id)]);
    // The same files imported again by the same reviewer at the same time: the import rows are read, found the same, not written.
    written.length = 0;
    await store.saveImport(await smallDossier(), '审查员');
    await mirror.flush();
    expect(written).toEqual([mirrorStateName(id)]);
    // Imported again by someone else (the dossier row changed): the import file is written anew, the one before removed.
    written.length = 0;
    await store.saveImport(await smallDossier(), '李四');
    await mirror.flush();
    expect(importFiles()).toHaveLength(1);
    expect(importFiles()[0]).not.toBe(importFile);
    expect(written).toEqual([importFiles()[0], mirrorStateName(id)]);
    const fresh = await openStore();
    try {
      const outcome = await restoreFromMirrors(fresh, files, testHasher, noWitness);
      expect(outcome.refused).toEqual([]);
      expect(await fresh.auditLog(id)).toEqual(await store.auditLog(id));
      expect(await fresh.storedAuditedState(id)).toEqual(await store.storedAuditedState(id));
      expect(await fresh.claims(id)).toEqual(await store.claims(id));
    } finally {
      fresh.close();
    }
  });

  it('restores a mirror written in the first, one-file form, and writes it in the new form at the next flush', async () => {
    const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { head: unknown; writtenAt: string; import: { file: string }; rows: Record<string, unknown> };
    const imported = JSON.parse(files.files.get(state.import.file)!) as { dossier: unknown; documents: unknown; claims: unknown };
    files.files.set(mirrorStateName(id), JSON.stringify({
      schema: 'dossier-desk/review-mirror@1', dossierId: id, head: state.head, writtenAt: state.writtenAt,
      rows: { ...state.rows, dossier: imported.dossier, documents: imported.documents, claims: imported.claims },
    }));
    files.files.delete(state.import.file);
    const expectedState = await store.storedAuditedState(id);
    const fresh = await openStore();
    try {
      const outcome = await restoreFromMirrors(fresh, files, testHasher, noWitness);
      expect(outcome.refused).toEqual([]);
      expect(outcome.restored.map((restored) => restored.dossierId)).toEqual([id]);
      expect(await fresh.storedAuditedState(id)).toEqual(expectedState);
      expect(await fresh.claims(id)).toEqual(await store.claims(id));
      expect((await fresh.checkIntegrity(id)).problems).toEqual([]);
      // The next flush (a new session's mirror) writes the two-file form.
      const next = new AuditMirror(fresh, files, testHasher, { delayMs: 5 });
      next.schedule(id);
      await next.flush();
      expect(JSON.parse(files.files.get(mirrorStateName(id))!)).toMatchObject({ schema: 'dossier-desk/review-mirror@2' });
      expect([...files.files.keys()].filter((name) => name.startsWith(mirrorImportPrefix(id)))).toHaveLength(1);
    } finally {
      fresh.close();
    }
  });

  it("keeps the copy as it was when the store's chain is rewritten and re-hashed, before it mirrors the rewritten one", async () => {
    const original = new Map([...files.files].filter(([name]) => name.startsWith(`mirror-${id}.`)));
    expect([...original.keys()].sort()).toEqual([mirrorImportPrefix(id), mirrorLogName(id), mirrorStateName(id)].map((name) => expect.stringContaining(name)));
    const entries = await store.auditLog(id);
    const rewritten: AuditEntry[] = [];
    for (const { dossierId: _dossierId, ...entry } of entries) {
      const changed = { ...entry, prevHash: rewritten.at(-1)?.hash ?? entry.prevHash, ...(entry.seq === 2 ? { after: { ...(entry.after as object), amount: '5.00' } } : {}) };
      changed.hash = await hashAuditEntry(changed, testHasher);
      rewritten.push(changed);
    }
    await store.db.auditLog.bulkPut(rewritten.map((entry) => ({ ...entry, dossierId: id })));
    await store.db.auditHeads.put({ dossierId: id, seq: rewritten.at(-1)!.seq, hash: rewritten.at(-1)!.hash });
    const fresh = new AuditMirror(store, files, testHasher, { delayMs: 5, now: () => '2024-10-20T12:34:56+08:00' });
    fresh.schedule(id);
    await fresh.flush();
    expect(files.files.get(mirrorLogName(id))).toContain(rewritten.at(-1)!.hash);
    const kept = JSON.parse(files.files.get(supersededMirrorName('20241020123456', id))!) as { schema: string; dossierId: string; files: Record<string, string> };
    expect(kept).toEqual({ schema: 'dossier-desk/superseded-mirror@1', dossierId: id, files: Object.fromEntries(original) });
    expect(isSideFileName(supersededMirrorName('20241020123456', id))).toBe(true);
  });

  describe('refuses a rewritten mirror and names it', () => {
    async function refusal(): Promise<{ file: string; reason: string }> {
      const fresh = await openStore();
      try {
        const outcome = await restoreFromMirrors(fresh, files, testHasher, witness ? async () => witness : noWitness);
        expect(outcome.restored).toEqual([]);
        expect(await fresh.listDossiers()).toEqual([]);
        expect(outcome.refused).toHaveLength(1);
        // Set aside, kept for whoever looks into it; mirroring starts anew.
        expect(files.files.has(`refused-${outcome.refused[0]!.file}`)).toBe(true);
        expect(files.files.has(mirrorStateName(id))).toBe(false);
        return outcome.refused[0]!;
      } finally {
        fresh.close();
      }
    }
    let witness: AuditWitness | null = null;
    beforeEach(() => { witness = null; });

    function rewriteLog(change: (entries: AuditEntry[]) => AuditEntry[] | Promise<AuditEntry[]>) {
      return (async () => {
        const [header, ...lines] = files.files.get(mirrorLogName(id))!.trimEnd().split('\n');
        const entries = await change(lines.map((line) => JSON.parse(line) as AuditEntry));
        files.files.set(mirrorLogName(id), `${header}\n${entries.map((entry) => `${JSON.stringify(entry)}\n`).join('')}`);
      })();
    }

    it('a cut changed in the mirrored state', async () => {
      const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { rows: { cuts: { cut: { amount: string } }[] } };
      state.rows.cuts[0]!.cut.amount = '5.00';
      files.files.set(mirrorStateName(id), JSON.stringify(state));
      const refused = await refusal();
      expect(refused.file).toBe(mirrorStateName(id));
      expect(refused.reason).toMatch(/cut C01: the mirror holds 5\.00, but audit entry 2 .* left 1000\.00/);
    });

    it('an entry changed in the mirrored log', async () => {
      await rewriteLog((entries) => entries.map((entry) => (entry.seq === 2 ? { ...entry, after: { ...(entry.after as object), amount: '5.00' } } : entry)));
      const refused = await refusal();
      expect(refused.file).toBe(mirrorLogName(id));
      expect(refused.reason).toMatch(/audit entry 2 .*was altered/);
    });

    it('the log rewritten and re-hashed, with the state to match: the head kept outside the store catches it', async () => {
      const log = await store.auditLog(id);
      witness = { seq: log.length, hash: log.at(-1)!.hash, recordedAt: '2024-10-20T11:00:00+08:00', source: 'browser' };
      let newHead = { seq: 0, hash: '' };
      await rewriteLog(async (entries) => {
        const rewritten: AuditEntry[] = [];
        for (const entry of entries) {
          const changed = { ...entry, prevHash: rewritten.at(-1)?.hash ?? entry.prevHash, ...(entry.seq === 2 ? { after: { ...(entry.after as object), amount: '5.00' } } : {}) };
          changed.hash = await hashAuditEntry(changed, testHasher);
          rewritten.push(changed);
        }
        newHead = { seq: rewritten.at(-1)!.seq, hash: rewritten.at(-1)!.hash };
        return rewritten;
      });
      const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { head: unknown; rows: { cuts: { cut: { amount: string } }[] } };
      state.rows.cuts[0]!.cut.amount = '5.00';
      state.head = newHead;
      files.files.set(mirrorStateName(id), JSON.stringify(state));
      const refused = await refusal();
      expect(refused.file).toBe(mirrorLogName(id));
      expect(refused.reason).toMatch(/rewritten and re-hashed/);
    });

    it('the last entries removed from the log', async () => {
      await rewriteLog((entries) => entries.slice(0, -2));
      const refused = await refusal();
      expect(refused.file).toBe(mirrorStateName(id));
      expect(refused.reason).toMatch(/is not an entry of the mirrored audit log/);
    });
    describe('the import file', () => {
      const importName = () => (JSON.parse(files.files.get(mirrorStateName(id))!) as { import: { file: string } }).import.file;
      type Imported = { documents: { sha256: string }[]; claims: { claim: { amount: string } }[] };
      const rewriteImport = (change: (imported: Imported) => void) => {
        const imported = JSON.parse(files.files.get(importName())!) as Imported;
        change(imported);
        files.files.set(importName(), JSON.stringify(imported));
      };

      it('rewritten: its hash is not the one the state names', async () => {
        const name = importName();
        rewriteImport((imported) => { imported.claims[0]!.claim.amount = '99999.00'; });
        const refused = await refusal();
        expect(refused.file).toBe(name);
        expect(refused.reason).toMatch(/SHA-256 .* is not the .* that mirror-.*\.state\.json names: it was rewritten/);
        expect(files.files.has(`refused-${name}`)).toBe(true);
        expect(files.files.has(name)).toBe(false);
      });

      it('rewritten, renamed and named by the state: the manifest and file hashes no longer give the dossier id', async () => {
        const name = importName();
        rewriteImport((imported) => { imported.documents[0]!.sha256 = 'f'.repeat(64); });
        const text = files.files.get(name)!;
        const sha256 = await testHasher.sha256(new TextEncoder().encode(text));
        const renamed = `${mirrorImportPrefix(id)}${sha256.slice(0, 16)}.json`;
        files.files.delete(name);
        files.files.set(renamed, text);
        const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { import: { file: string; sha256: string } };
        state.import = { file: renamed, sha256 };
        files.files.set(mirrorStateName(id), JSON.stringify(state));
        const refused = await refusal();
        expect(refused.file).toBe(renamed);
        expect(refused.reason).toMatch(/no longer give the dossier id/);
      });

      it('removed', async () => {
        const name = importName();
        files.files.delete(name);
        const refused = await refusal();
        expect(refused.file).toBe(mirrorStateName(id));
        expect(refused.reason).toMatch(/import data it names, mirror-.*\.import-.*\.json, is missing/);
      });

      it('named by the state as another dossier\'s', async () => {
        const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { import: { file: string } };
        state.import.file = state.import.file.replace(id, 'a'.repeat(64));
        files.files.set(mirrorStateName(id), JSON.stringify(state));
        const refused = await refusal();
        expect(refused.file).toBe(mirrorStateName(id));
        expect(refused.reason).toMatch(/names no import file of dossier/);
      });
    });
  });

  it('reads a log whose last append a crash cut short', async () => {
    files.files.set(mirrorLogName(id), `${files.files.get(mirrorLogName(id))!}{"seq":99,"ha`);
    const mirrored = await readMirror(files, testHasher, id);
    expect(mirrored && 'rows' in mirrored).toBe(true);
  });
});
