// The engine's findings are saved after every evaluation (a cut on a 10,000-row dossier evaluates it
// again): only the findings that changed are written and only those gone are deleted, the reviewer's
// status and note kept on those that remain.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierStore } from '../../src-renderer/db';
import type { FindingRow } from '../../src-renderer/db/schema';
import { storedDossier } from './stored-dossier';

type Finding = FindingRow['finding'];

const finding = (n: number, message = `m${n}`): Finding => ({ id: `F${n}`, rule: `r${n % 3}`, severity: 'warning', message });

describe('saveFindings', () => {
  let store: DossierStore;
  let id: string;
  let writes: { created: string[]; updated: string[]; deleted: string[] };
  beforeEach(async () => {
    ({ store, id } = await storedDossier('findings-save'));
    writes = { created: [], updated: [], deleted: [] };
    // Dexie's hooks see every row a put, add or delete writes (a put of an existing row: 'updating'; of a new one: 'creating').
    store.db.findings.hook('creating', (key) => { writes.created.push(String(key)); });
    store.db.findings.hook('updating', (_changes, key) => { writes.updated.push(String(key)); });
    store.db.findings.hook('deleting', (key) => { writes.deleted.push(String(key)); });
  });
  afterEach(() => store.close());

  const rows = async () => (await store.db.findings.where('dossierId').equals(id).toArray()).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const reset = () => { writes = { created: [], updated: [], deleted: [] }; };

  it('writes only the findings that changed and deletes only those gone', async () => {
    const first = Array.from({ length: 50 }, (_, n) => finding(n));
    await store.saveFindings(id, first);
    expect(writes.created).toHaveLength(50);
    reset();

    // The same findings again (as another object, keys in another order): nothing written.
    await store.saveFindings(id, first.map(({ message, severity, rule, id: findingId }) => ({ message, severity, rule, id: findingId })));
    expect(writes).toEqual({ created: [], updated: [], deleted: [] });

    // One changed, one gone, one new.
    const next = [...first.filter((f) => f.id !== 'F7').map((f) => (f.id === 'F3' ? { ...f, message: 'changed' } : f)), finding(50)];
    await store.saveFindings(id, next);
    expect(writes.created).toEqual([`${id}:F50`]);
    expect(writes.updated).toEqual([`${id}:F3`]);
    expect(writes.deleted).toEqual([`${id}:F7`]);
    const stored = await rows();
    expect(stored.map((row) => row.finding)).toEqual([...next].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })));
    expect(stored.find((row) => row.id === `${id}:F3`)?.finding.message).toBe('changed');
  });

  it('keeps the reviewer\'s status and note on a finding the engine changed, and on those it left', async () => {
    await store.saveFindings(id, [finding(1), finding(2)]);
    await store.recordReviewChange(id, 'local', { action: 'finding.status', target: 'finding:F1', after: { status: 'accepted', note: '已核' } }, '张三');
    await store.recordReviewChange(id, 'local', { action: 'finding.status', target: 'finding:F2', after: { status: 'dismissed', note: null } }, '张三');
    reset();
    await store.saveFindings(id, [finding(1, 'new text'), finding(2)]);
    expect(writes.updated).toEqual([`${id}:F1`]);
    expect(writes.created).toEqual([]);
    const [f1, f2] = await rows();
    expect(f1).toMatchObject({ status: 'accepted', note: '已核', finding: { message: 'new text' } });
    expect(f2).toMatchObject({ status: 'dismissed', finding: { message: 'm2' } });
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
  });

  it('leaves another dossier\'s findings alone', async () => {
    const other = 'other-dossier';
    await store.db.findings.put({ id: `${other}:F1`, dossierId: other, rule: 'r1', finding: finding(1), status: 'open' });
    await store.saveFindings(id, [finding(2)]);
    await store.saveFindings(id, []);
    expect(await store.db.findings.get(`${other}:F1`)).toBeDefined();
    expect(await rows()).toEqual([]);
  });
});
