// The audit verdict at a glance (top bar, dossier list, funding plan): the verdict of the cuts
// confirmed so far, and beside it "暂定" / "provisional" while the work that decides it is open
// (core/engine/verdict-open-work.ts), in a neutral style: an auditor must not read a green pass as the
// outcome while errors or proposals are pending. What is open is in the chip's title (its accessible
// description) and, where asked (`showOpen`), in short beside it.
import { useI18n } from '../i18n';
import type { VerdictQualifier } from '../core/engine/verdict-open-work';

type Translate = ReturnType<typeof useI18n>['t'];

/** What is still open, e.g. "7 项错误待处理；2 项核减建议未处理；建议全部采纳则不通过". Empty when nothing is. */
export function openWorkText(t: Translate, qualifier: VerdictQualifier): string {
  const parts = [
    ...(qualifier.open.errorFindings > 0 ? [t('verdict.openErrors', { count: qualifier.open.errorFindings })] : []),
    ...(qualifier.open.proposals > 0 ? [t('verdict.openProposals', { count: qualifier.open.proposals })] : []),
    ...(qualifier.verdictIfAccepted ? [t('verdict.ifAccepted', { verdict: t(`verdict.${qualifier.verdictIfAccepted}`) })] : []),
  ];
  return parts.join(t('verdict.openJoin'));
}

/** The same in short, where room is scarce (the top bar), e.g. "待处理 7 项错误、2 项建议 · 采纳则不通过". */
export function openWorkShortText(t: Translate, qualifier: VerdictQualifier): string {
  const parts = [
    ...(qualifier.open.errorFindings > 0 ? [t('verdict.shortErrors', { count: qualifier.open.errorFindings })] : []),
    ...(qualifier.open.proposals > 0 ? [t('verdict.shortProposals', { count: qualifier.open.proposals })] : []),
  ];
  const open = parts.length > 0 ? t('verdict.shortOpen', { parts: parts.join(t('verdict.shortJoin')) }) : '';
  return qualifier.verdictIfAccepted ? `${open} · ${t('verdict.shortIfAccepted', { verdict: t(`verdict.${qualifier.verdictIfAccepted}`) })}` : open;
}

/** The chip's title: provisional and why, or settled and why. */
export function verdictTitle(t: Translate, qualifier: VerdictQualifier | null, signed: boolean): string {
  if (!qualifier) return signed ? t('verdict.signedTitle') : t('verdict.unsignedTitle');
  if (qualifier.signed) return t('verdict.signedTitle');
  return qualifier.provisional ? t('verdict.provisionalTitle', { open: openWorkText(t, qualifier) }) : t('verdict.settledTitle');
}

/**
 * `qualifier` is known for the open dossier; for another one in the list (its findings and proposals
 * are not evaluated there) only `signed` is: an unsigned review is then shown as provisional.
 */
export function VerdictChip({ verdict, qualifier, signed = false, showOpen = false, label }: {
  verdict: 'pass' | 'fail';
  qualifier: VerdictQualifier | null;
  signed?: boolean;
  showOpen?: boolean;
  /** Said before the title (e.g. the list's "结论"). */
  label?: string;
}) {
  const { t } = useI18n();
  const provisional = qualifier ? qualifier.provisional : !signed;
  const title = verdictTitle(t, qualifier, signed);
  const open = showOpen && qualifier?.provisional ? openWorkShortText(t, qualifier) : '';
  return (
    <>
      <span className={`verdict-chip verdict-${verdict}${provisional ? ' verdict-provisional' : ''}`} data-provisional={provisional ? 'true' : 'false'}
        title={label ? `${label}: ${title}` : title}>
        {t(`verdict.${verdict}`)}
        {provisional && <span className="verdict-qualifier"> {t('verdict.provisional')}</span>}
      </span>
      {open && <span className="verdict-open" data-testid="verdict-open" title={title}>{open}</span>}
    </>
  );
}
