// An audit entry as a sentence a reviewer or the bureau can read: who did what to which row, with
// the complete old and new values (amounts as ¥12,720.00, labels instead of ids). The labels come
// from the caller (the UI's translations, or the workbook's Chinese labels), so this module holds
// only the sentence shapes, in both languages.
import { formatCny, tryParseYuan } from '../money';
import type { AuditEntry } from '../types';

export type AuditLanguage = 'zh' | 'en';

export interface AuditVocabulary {
  language: AuditLanguage;
  /** An invoice field (`totalAmount`) or a contract / receipt field, as a label. */
  field(name: string): string;
  /** A cut reason code as a label. */
  reason(code: string): string;
  /** A rubric criterion, checklist or material item id as its label. */
  item(id: string): string;
  /** A status or state code (finding status, checklist state, proposal decision) as a label. */
  state(code: string): string;
}

type Entry = Pick<AuditEntry, 'action' | 'target' | 'before' | 'after'>;

const NONE = { zh: '无', en: 'none' } as const;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Any value in full: strings quoted, objects as `key: value` pairs; never cut short. */
export function fullValue(value: unknown, language: AuditLanguage): string {
  if (value === null || value === undefined || value === '') return NONE[language];
  if (typeof value === 'string') return language === 'zh' ? `“${value}”` : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => fullValue(item, language)).join(language === 'zh' ? '，' : ', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${key}: ${fullValue(item, language)}`).join(language === 'zh' ? '；' : '; ')}}`;
}

function money(value: unknown, language: AuditLanguage): string {
  const decimal = text(value);
  const fen = decimal === null ? null : tryParseYuan(decimal);
  return fen === null ? fullValue(value, language) : formatCny(fen);
}

/** The last `:`-separated part of a target such as `score:reviewer:basic.revenue`. */
function targetTail(target: string, parts = 1): string {
  return target.split(':').slice(-parts).join(':');
}

function cutPhrase(cut: unknown, vocabulary: AuditVocabulary): string {
  const { language } = vocabulary;
  const value = record(cut);
  if (!value) return NONE[language];
  const reason = text(value.reason);
  const note = text(value.note);
  const proposal = text(value.proposal);
  const parts = [money(value.amount, language)];
  if (language === 'zh') {
    if (reason) parts.push(`理由：${vocabulary.reason(reason)}`);
    if (note) parts.push(`备注：“${note}”`);
    if (proposal) parts.push(`采纳建议 ${proposal}`);
    return parts.length === 1 ? parts[0]! : `${parts[0]}（${parts.slice(1).join('；')}）`;
  }
  if (reason) parts.push(`reason: ${vocabulary.reason(reason)}`);
  if (note) parts.push(`note: "${note}"`);
  if (proposal) parts.push(`accepting proposal ${proposal}`);
  return parts.length === 1 ? parts[0]! : `${parts[0]} (${parts.slice(1).join('; ')})`;
}

function claimOf(entry: Entry): string {
  return text(record(entry.after)?.claimId) ?? text(record(entry.before)?.claimId) ?? targetTail(entry.target);
}

function fieldValue(field: string, value: unknown, language: AuditLanguage): string {
  return /amount|total/i.test(field) && !/words/i.test(field) ? money(value, language) : fullValue(value, language);
}

function statusPhrase(value: unknown, vocabulary: AuditVocabulary): string {
  const entry = record(value);
  if (!entry) return fullValue(value, vocabulary.language);
  const status = text(entry.status ?? entry.state);
  const note = text(entry.note);
  const label = status ? vocabulary.state(status) : NONE[vocabulary.language];
  if (!note) return label;
  return vocabulary.language === 'zh' ? `${label}（备注：“${note}”）` : `${label} (note: "${note}")`;
}

const PLACEMENT_SOURCES: Record<string, { zh: string; en: string }> = {
  content: { zh: '按内容归类', en: 'by its content' },
  manifest: { zh: '按清单登记的类别', en: "by the manifest's kind" },
  none: { zh: '未能归类', en: 'unclassified' },
};

/** Where a file was placed: a material item by its label, "not a material", and how it got there. */
function placementPhrase(value: unknown, vocabulary: AuditVocabulary): string {
  const { language } = vocabulary;
  const placement = record(value);
  if (!placement) return NONE[language];
  const material = text(placement.material);
  const label = material ? (language === 'zh' ? `“${vocabulary.item(material)}”` : `"${vocabulary.item(material)}"`) : (language === 'zh' ? '非申报材料' : 'not a material');
  const source = text(placement.source);
  const how = source ? PLACEMENT_SOURCES[source]?.[language] : undefined;
  if (!how) return label;
  return language === 'zh' ? `${label}（${how}）` : `${label} (${how})`;
}

/** The roles a review names its reviewer by. */
export const REVIEWER_ROLES: Record<string, { zh: string; en: string }> = {
  auditor: { zh: '审计人员', en: 'auditor' },
  expert: { zh: '评审专家', en: 'panel expert' },
  chair: { zh: '评审组长', en: 'panel chair' },
};

type Describer = (entry: Entry, vocabulary: AuditVocabulary) => string;

/** `proposal:R001:amount-mismatch` → the claim and the reason's label. */
function proposalSubject(entry: Entry, vocabulary: AuditVocabulary): string {
  const id = entry.target.replace(/^proposal:/, '');
  const at = id.lastIndexOf(':');
  const claim = at > 0 ? id.slice(0, at) : id;
  const reason = at > 0 ? vocabulary.reason(id.slice(at + 1)) : null;
  if (vocabulary.language === 'zh') return `申报项 ${claim} 的核减建议${reason ? `“${reason}”` : ''}`;
  return `the ${reason ? `${reason} ` : ''}proposal on claim ${claim}`;
}

/** A proposal's decision as a phrase: accepted with its cut, rejected with the note, or open. */
function decisionPhrase(value: unknown, vocabulary: AuditVocabulary): string {
  const decision = record(value);
  const status = text(decision?.status) ?? 'open';
  const label = vocabulary.state(status);
  if (status === 'accepted') {
    return vocabulary.language === 'zh' ? `${label}，核减 ${cutPhrase(decision?.cut, vocabulary)}` : `${label}, cut ${cutPhrase(decision?.cut, vocabulary)}`;
  }
  const note = status === 'rejected' ? text(decision?.note) : null;
  if (!note) return label;
  return vocabulary.language === 'zh' ? `${label}（说明：“${note}”）` : `${label} (note: "${note}")`;
}

function proposalDescriber(verb: { zh: string; en: string }): Describer {
  return (entry, vocabulary) => {
    const subject = proposalSubject(entry, vocabulary);
    const before = decisionPhrase(entry.before, vocabulary);
    const after = decisionPhrase(entry.after, vocabulary);
    return vocabulary.language === 'zh'
      ? `${verb.zh}${subject}：${before} → ${after}`
      : `${verb.en} ${subject}: ${before} → ${after}`;
  };
}

function count(value: unknown): number | null {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' ? value : null;
}

/** A sample plan (or the summary early CLI entries recorded) as a phrase: method, seed, size, interval, key items, rows. */
function samplePlanPhrase(plan: unknown, language: AuditLanguage): string {
  const value = record(plan);
  if (!value) return NONE[language];
  const mus = value.method === 'mus';
  const seed = text(value.seed) ?? '';
  const size = text(value.size) ?? '0';
  const interval = typeof value.intervalFen === 'number' ? formatCny(value.intervalFen) : null;
  const keyItemFen = typeof value.keyItemFen === 'number' ? formatCny(value.keyItemFen) : null;
  const keys = count(value.keyItems) ?? 0;
  const rows = count(value.sample) ?? count(value.rows) ?? 0;
  const confidence = text(value.confidence);
  const tolerable = text(value.tolerable);
  const expected = text(value.expected);
  if (language === 'zh') {
    const rates = tolerable ? `，可容忍错报率 ${tolerable}，预计错报率 ${expected ?? '0'}` : '';
    return `${mus ? '货币单位抽样（MUS）' : '随机抽样'}，随机种子“${seed}”，置信度 ${confidence ?? '—'}${rates}，样本量 ${size}`
      + `${interval ? `，抽样间隔 ${interval}` : ''}，关键项目 ${keys} 行${keyItemFen ? `（金额 ≥ ${keyItemFen}）` : ''}，共抽取 ${rows} 行`;
  }
  const rates = tolerable ? `, tolerable rate ${tolerable}, expected rate ${expected ?? '0'}` : '';
  return `${mus ? 'monetary unit sampling (MUS)' : 'random sampling'}, seed "${seed}", confidence ${confidence ?? '—'}${rates}, size ${size}`
    + `${interval ? `, interval ${interval}` : ''}, ${keys} key item${keys === 1 ? '' : 's'}${keyItemFen ? ` (amount ≥ ${keyItemFen})` : ''}, ${rows} row${rows === 1 ? '' : 's'} drawn in all`;
}

const DESCRIBERS: Record<string, Describer> = {
  'dossier.import': (entry, { language }) => {
    const after = record(entry.after);
    const files = Array.isArray(after?.files) ? after.files.length : 0;
    const refused = Array.isArray(after?.rejected) ? (after.rejected as unknown[]).map((path) => String(path)) : [];
    const claims = typeof after?.claims === 'number' ? after.claims : 0;
    if (language === 'zh') {
      return `导入申报材料：${files} 个文件，申报项 ${claims} 条${refused.length ? `；拒收 ${refused.length} 个文件：${refused.join('、')}` : ''}`;
    }
    return `Imported the dossier: ${files} files, ${claims} claims${refused.length ? `; ${refused.length} files refused: ${refused.join(', ')}` : ''}`;
  },
  'invoice.confirm': (entry, vocabulary) => {
    const [, ...rest] = entry.target.split(':');
    const field = rest.at(-1) ?? '';
    const [path = '', page] = rest.slice(0, -1).join(':').replace(/^[^:]*:/, '').split('#');
    const invoice = page ? (vocabulary.language === 'zh' ? `${path} 第 ${page} 页` : `${path} p.${page}`) : path;
    const label = vocabulary.field(field);
    const before = fieldValue(field, entry.before, vocabulary.language);
    const after = fieldValue(field, entry.after, vocabulary.language);
    return vocabulary.language === 'zh'
      ? `确认发票 ${invoice} 的“${label}”：${before} → ${after}`
      : `Confirmed ${label} of invoice ${invoice}: ${before} → ${after}`;
  },
  'cut.set': (entry, vocabulary) => {
    const claim = claimOf(entry);
    const before = cutPhrase(entry.before, vocabulary);
    const after = cutPhrase(entry.after, vocabulary);
    return vocabulary.language === 'zh'
      ? `申报项 ${claim} 核减：${before} → ${after}`
      : `Cut on claim ${claim}: ${before} → ${after}`;
  },
  'cut.remove': (entry, vocabulary) => {
    const claim = claimOf(entry);
    const before = cutPhrase(entry.before, vocabulary);
    return vocabulary.language === 'zh' ? `撤销申报项 ${claim} 的核减 ${before}` : `Removed the cut of ${before} on claim ${claim}`;
  },
  'score.set': (entry, vocabulary) => {
    const criterion = vocabulary.item(targetTail(entry.target));
    const before = text(entry.before) ?? NONE[vocabulary.language];
    const after = text(entry.after) ?? NONE[vocabulary.language];
    return vocabulary.language === 'zh' ? `评分“${criterion}”：${before} → ${after} 分` : `Score for ${criterion}: ${before} → ${after} points`;
  },
  'checklist.set': (entry, vocabulary) => {
    const item = vocabulary.item(targetTail(entry.target));
    const before = statusPhrase(entry.before, vocabulary);
    const after = statusPhrase(entry.after, vocabulary);
    const evidence = (record(entry.after)?.evidence as unknown[] | undefined) ?? [];
    const pages = evidence.map((ref) => {
      const page = record(ref);
      return page ? `${text(page.file) ?? ''}${page.page ? (vocabulary.language === 'zh' ? ` 第 ${String(page.page)} 页` : ` p.${String(page.page)}`) : ''}` : '';
    }).filter(Boolean);
    const tail = pages.length ? (vocabulary.language === 'zh' ? `，依据 ${pages.join('、')}` : `, evidence ${pages.join(', ')}`) : '';
    return vocabulary.language === 'zh' ? `核查项“${item}”：${before} → ${after}${tail}` : `Checklist item ${item}: ${before} → ${after}${tail}`;
  },
  'link.set': (entry, { language }) => {
    // link:<reviewerId>:<claimId>:<kind>
    const parts = entry.target.split(':');
    const kind = parts.at(-1) ?? '';
    const claimId = parts.slice(2, -1).join(':');
    const what = ({ invoices: { zh: '发票', en: 'invoices' }, contracts: { zh: '合同', en: 'contract' }, payments: { zh: '银行回单', en: 'bank receipts' } } as Record<string, { zh: string; en: string }>)[kind] ?? { zh: kind, en: kind };
    const pages = (value: unknown): string | null => {
      if (!Array.isArray(value)) return null;
      return value.map((ref) => {
        const page = record(ref);
        return page ? `${text(page.file) ?? ''}${language === 'zh' ? ` 第 ${String(page.page)} 页` : ` p.${String(page.page)}`}` : '';
      }).filter(Boolean).join(language === 'zh' ? '、' : ', ');
    };
    const automatic = language === 'zh' ? '自动关联' : 'automatic links';
    const before = pages(entry.before) ?? automatic;
    const after = pages(entry.after) ?? automatic;
    return language === 'zh' ? `申报行 ${claimId} 关联的${what.zh}：${before} → ${after}` : `${what.en[0]!.toUpperCase()}${what.en.slice(1)} linked to row ${claimId}: ${before} → ${after}`;
  },
  'classification.set': (entry, vocabulary) => {
    // classification:<reviewerId>:<file>; a file name may itself hold colons.
    const file = entry.target.split(':').slice(2).join(':');
    const before = placementPhrase(entry.before, vocabulary);
    const after = entry.after === null ? (vocabulary.language === 'zh' ? '按内容归类' : 'classified by its content') : placementPhrase(entry.after, vocabulary);
    return vocabulary.language === 'zh' ? `将文件 ${file} 归入的申报材料：${before} → ${after}` : `Material item of file ${file}: ${before} → ${after}`;
  },
  'finding.status': (entry, vocabulary) => {
    const finding = entry.target.replace(/^finding:/, '');
    const before = statusPhrase(entry.before, vocabulary);
    const after = statusPhrase(entry.after, vocabulary);
    return vocabulary.language === 'zh' ? `问题 ${finding}：${before} → ${after}` : `Finding ${finding}: ${before} → ${after}`;
  },
  'claims.mapping': (entry, { language }) => {
    const file = entry.target.replace(/^claims:/, '');
    const before = record(entry.before);
    const after = record(entry.after);
    return language === 'zh'
      ? `重新读取申报清单 ${file}：表头第 ${Number(after?.headerRow ?? 0) + 1} 行，列对应 ${fullValue(after?.mapping, language)}；申报项 ${String(before?.claims ?? 0)} → ${String(after?.claims ?? 0)} 条`
      : `Read the claim list ${file} again: header row ${Number(after?.headerRow ?? 0) + 1}, columns ${fullValue(after?.mapping, language)}; claims ${String(before?.claims ?? 0)} → ${String(after?.claims ?? 0)}`;
  },
  'proposal.accept': proposalDescriber({ zh: '采纳', en: 'Accepted' }),
  'proposal.reject': proposalDescriber({ zh: '不采纳', en: 'Rejected' }),
  'proposal.reopen': proposalDescriber({ zh: '重新打开', en: 'Reopened' }),
  'comment.set': (entry, vocabulary) => {
    const criterion = vocabulary.item(targetTail(entry.target));
    const before = fullValue(entry.before, vocabulary.language);
    const after = fullValue(entry.after, vocabulary.language);
    return vocabulary.language === 'zh' ? `评语“${criterion}”：${before} → ${after}` : `Comment on ${criterion}: ${before} → ${after}`;
  },
  'review.opinion': (entry, { language }) => {
    const before = fullValue(entry.before, language);
    const after = fullValue(entry.after, language);
    return language === 'zh' ? `总体评审意见：${before} → ${after}` : `Overall opinion: ${before} → ${after}`;
  },
  'review.reviewer': (entry, vocabulary) => {
    const { language } = vocabulary;
    const after = record(entry.after);
    const name = text(after?.name) || NONE[language];
    const role = text(after?.role);
    const organisation = text(after?.organisation);
    const details = [role ? (REVIEWER_ROLES[role]?.[language] ?? role) : null, organisation].filter((part): part is string => Boolean(part));
    if (language === 'zh') return `评审人登记为 ${name}${details.length ? `（${details.join('，')}）` : ''}`;
    return `Reviewer recorded as ${name}${details.length ? ` (${details.join(', ')})` : ''}`;
  },
  'review.conflict-of-interest': (entry, { language }) => {
    const after = record(entry.after);
    const declared = after?.declared === true;
    const note = text(after?.note);
    const relations = (Array.isArray(after?.relations) ? after.relations : []).map((relation) => {
      const fields = record(relation);
      const name = text(fields?.name) ?? '';
      const code = text(fields?.creditCode);
      const kind = text(fields?.relation);
      const kindLabel = kind === 'employer' ? (language === 'zh' ? '任职' : 'employer') : kind === 'client' ? (language === 'zh' ? '客户' : 'client') : null;
      const details = [kindLabel, code].filter(Boolean).join(language === 'zh' ? '，' : ', ');
      return `${name}${details ? (language === 'zh' ? `（${details}）` : ` (${details})`) : ''}`;
    });
    if (language === 'zh') {
      const listed = relations.length ? `；近三年任职及服务单位：${relations.join('、')}` : '';
      return `${declared ? '申报存在利益冲突' : '声明无利益冲突'}${note ? `：“${note}”` : ''}${listed}`;
    }
    const listed = relations.length ? `; employers and clients of the last three years: ${relations.join('; ')}` : '';
    return `${declared ? 'Declared a conflict of interest' : 'Declared no conflict of interest'}${note ? `: "${note}"` : ''}${listed}`;
  },
  'review.sign-off': (entry, { language }) => {
    const signedAt = text(record(entry.after)?.signedAt);
    return language === 'zh' ? `签字确认评审结果${signedAt ? `（${signedAt}）` : ''}，此后不可修改` : `Signed the review off${signedAt ? ` (${signedAt})` : ''}; it is locked from now on`;
  },
  'sample.draw': (entry, { language }) => {
    const after = samplePlanPhrase(entry.after, language);
    if (entry.before === null || entry.before === undefined) return language === 'zh' ? `制定抽样方案：${after}` : `Drew a sample: ${after}`;
    const before = samplePlanPhrase(entry.before, language);
    return language === 'zh' ? `重新制定抽样方案：${before} → ${after}` : `Drew the sample again: ${before} → ${after}`;
  },
  'sample.clear': (entry, { language }) => {
    const before = samplePlanPhrase(entry.before, language);
    return language === 'zh' ? `撤销抽样方案（${before}）` : `Withdrew the sample (${before})`;
  },
};

/** The entry as one sentence in the vocabulary's language; an action without a sentence shape keeps its id and full values. */
export function describeAuditEntry(entry: Entry, vocabulary: AuditVocabulary): string {
  const describe = DESCRIBERS[entry.action];
  if (describe) return describe(entry, vocabulary);
  const { language } = vocabulary;
  const before = fullValue(entry.before, language);
  const after = fullValue(entry.after, language);
  return language === 'zh' ? `${entry.action}（${entry.target}）：${before} → ${after}` : `${entry.action} (${entry.target}): ${before} → ${after}`;
}

/** Whether the action has a sentence shape (used by tests to keep every action the store writes described). */
export function isDescribedAction(action: string): boolean {
  return Object.hasOwn(DESCRIBERS, action);
}
