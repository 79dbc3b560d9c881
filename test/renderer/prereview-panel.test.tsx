// The completeness view: each material item with its clause, files and pages (a click opens the page),
// checks with their reasons, conditional items explained, the supplement notice in the interface's
// language; moving a file to another item is a classification edit, and the view and the notice
// follow the evaluated pre-review at once.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { parseProfile } from '../../src-renderer/core/profiles/parse-profile';
import type { DocumentReading } from '../../src-renderer/core/prereview';
import type { ReviewEdit } from '../../src-renderer/core/review/edits';
import type { ReviewFile } from '../../src-renderer/core/types';
import { prereviewOf, usePrereviewReadings } from '../../src-renderer/state/prereview';
import { useUi } from '../../src-renderer/state/ui';
import { useWorkspace, type OpenDossier, type ReviewWriter } from '../../src-renderer/state/workspace';
import { PrereviewPanel } from '../../src-renderer/ui/prereview/PrereviewPanel';

const profileJson = JSON.parse(readFileSync('resources/profiles/shenzhen-2024-dsp.json', 'utf8')) as unknown;
const profile = parseProfile(profileJson, 'shenzhen-2024-dsp.json');

const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};

function page(text: string, method: 'text' | 'ocr' = 'text') {
  return { page: 1, text, method };
}

function reading(file: string, text: string, pageCount = 1): DocumentReading {
  return { file, type: 'pdf', size: 1000, pageCount, pages: [page(text)], table: null, error: null };
}

const applicant = '深圳市云帆数字科技有限公司';
const readings = new Map<string, DocumentReading>([
  ['scan0001.pdf', reading('scan0001.pdf', `营 业 执 照 （副 本） 统一社会信用代码 91440300MA5FQ8T2XX 名 称 ${applicant} 类 型 有限责任公司 法定代表人 陈建华 注册资本 成立日期 2016年03月18日 住 所 登记机关 市场监督管理局 国家企业信用信息公示系统`)],
  ['scan0002.pdf', reading('scan0002.pdf', `增资协议 投资方：深圳市前海创新创业投资基金合伙企业（有限合伙） 目标公司：${applicant} 鉴于目标公司拟增资扩股，投资方同意以人民币 8,000 万元认购新增注册资本。 第一条 增资金额与股权比例 签署日期：2022年6月30日`, 3)],
  ['scan0003.pdf', reading('scan0003.pdf', `信用中国 公共信用信息报告 （无违法违规记录版） 企业名称：${applicant} 报告生成时间：2024年08月20日 一、基本信息 二、行政管理信息 三、严重失信主体名单：无 本报告信息来源于全国信用信息共享平台`)],
]);

const dossier: OpenDossier = {
  id: 'd1',
  manifest: {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp',
    applicant: { name: applicant, category: 'comprehensive', registeredIn: 'shenzhen' },
    documents: [{ file: 'scan0001.pdf' }, { file: 'scan0002.pdf' }, { file: 'scan0003.pdf' }] as OpenDossier['manifest']['documents'],
    claims: [],
  },
  documents: ['scan0001.pdf', 'scan0002.pdf', 'scan0003.pdf'].map((path) => ({
    path, sha256: path.padEnd(64, '0'), type: 'pdf' as const, kind: 'other' as const, size: 1000, problems: [], loadBytes: () => Promise.resolve(new Uint8Array()),
  })),
  review,
};

let writes: ReviewEdit[];

/** What state/report.ts does on every change of the review or the readings. */
function evaluate() {
  const open = useWorkspace.getState().open!;
  usePrereviewReadings.setState({ result: prereviewOf(open, profile, readings) });
}

beforeEach(() => {
  vi.stubGlobal('fetch', async () => ({ ok: true, status: 200, json: async () => profileJson }));
  writes = [];
  const writer: ReviewWriter = { reviewerId: 'local', write: async (_id, edit) => void writes.push(edit) };
  useUi.setState({ language: 'zh-CN', activeFile: null, currentPage: 1, pageRequest: null });
  useWorkspace.getState().load(structuredClone({ ...dossier, documents: [] }) as OpenDossier, writer);
  useWorkspace.setState((state) => ({ open: { ...state.open!, documents: dossier.documents } }));
  usePrereviewReadings.setState({ dossierId: 'd1', readings, pending: 0 });
  evaluate();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the completeness view', () => {
  it('shows each item with its clause, its files and pages, its checks and the notice in Chinese', async () => {
    render(<PrereviewPanel />);
    const licence = await screen.findByTestId('prereview-item-m02-1-business-licence');
    expect(licence.getAttribute('data-status')).toBe('present');
    expect(licence.textContent).toContain('五(二)1');
    expect(licence.textContent).toContain('scan0001.pdf');
    expect(licence.textContent).toContain('按内容');
    // The credit report is dated outside the window: a failed check with its reason, in the notice.
    const credit = screen.getByTestId('prereview-item-m04-credit-report');
    expect(credit.getAttribute('data-status')).toBe('doubtful');
    expect(within(credit).getByText(/报告日期 2024-08-20 不在/)).toBeTruthy();
    expect(screen.getByTestId('prereview-notice-m04-credit-report').textContent).toContain('五(四)');
    // (十五) is for comprehensive providers only: required here, and said so.
    expect(screen.getByTestId('prereview-item-m15-ecosystem-products').textContent).toContain('仅综合服务商需提供');
    // (二)2 is the alternative of (二)1 by registration place.
    expect(screen.getByTestId('prereview-item-m02-2-premises-proof').getAttribute('data-status')).toBe('not-required');
    // Clicking a file opens its page in the viewer.
    fireEvent.click(within(screen.getByTestId('prereview-file-scan0002.pdf')).getByRole('button', { name: /scan0002\.pdf/ }));
    expect(useUi.getState().activeFile).toBe('scan0002.pdf');
  });

  it('moves a file to another item through a classification edit; the view and the notice follow', async () => {
    render(<PrereviewPanel />);
    await screen.findByTestId('prereview-item-m05-listing-investment');
    expect(screen.getByTestId('prereview-item-m05-listing-investment').getAttribute('data-status')).toBe('present');
    expect(screen.queryByTestId('prereview-notice-m05-listing-investment')).toBeNull();
    const move = screen.getByTestId('prereview-move-scan0002.pdf') as HTMLSelectElement;
    await act(async () => {
      fireEvent.change(move, { target: { value: 'm06-honours|honour-certificate' } });
    });
    expect(writes).toEqual([{ type: 'classification', file: 'scan0002.pdf', correction: { material: 'm06-honours', type: 'honour-certificate' }, placedBefore: { material: 'm05-listing-investment', source: 'content' } }]);
    expect(useWorkspace.getState().open!.review.classifications).toEqual({ 'scan0002.pdf': { material: 'm06-honours', type: 'honour-certificate' } });
    act(() => evaluate());
    await waitFor(() => expect(screen.getByTestId('prereview-item-m05-listing-investment').getAttribute('data-status')).toBe('missing'));
    expect(screen.getByTestId('prereview-notice-m05-listing-investment').textContent).toContain('五(五)');
    expect(within(screen.getByTestId('prereview-item-m06-honours')).getByText('审查员改正')).toBeTruthy();
    // And back to the content.
    await act(async () => {
      fireEvent.click(screen.getByTestId('prereview-restore-scan0002.pdf'));
    });
    expect(writes.at(-1)).toEqual({ type: 'classification', file: 'scan0002.pdf', correction: null });
    act(() => evaluate());
    await waitFor(() => expect(screen.queryByTestId('prereview-notice-m05-listing-investment')).toBeNull());
  });

  it('speaks English in the English interface, the notice included; clauses and file names stay data', async () => {
    act(() => useUi.setState({ language: 'en' }));
    render(<PrereviewPanel />);
    await screen.findByTestId('prereview-item-m04-credit-report');
    expect(screen.getByRole('heading', { name: 'Formal pre-review' })).toBeTruthy();
    const notice = screen.getByTestId('prereview-notice-m04-credit-report');
    expect(notice.textContent).toMatch(/outside 2024-09-12 to 2024-10-10/);
    expect(notice.textContent).toContain('please correct it');
    expect(notice.textContent).not.toContain('请补正');
    expect(screen.getByTestId('prereview-item-m15-ecosystem-products').textContent).toContain('Only for Comprehensive provider');
    expect(notice.querySelector('[translate="no"]')!.textContent).toContain('五(四)');
    // A file name inside the notice's sentence is data too.
    expect([...notice.querySelectorAll('[translate="no"]')].map((element) => element.textContent)).toContain('scan0003.pdf');
  });
});
