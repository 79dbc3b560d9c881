// Stored text as a reviewer must see it: invisible and reordering characters (bidi overrides,
// zero-width characters, NUL) shown as 〔U+XXXX〕 and flagged, and a long value cut to its first
// characters with the full value one click away.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { hasInvisible, invisibleCharacters, revealInvisible } from '../core/visible-text';

export const LONG_TEXT = 160;

/** `expandable` false: inside a control (a button) the full value is in the title instead of behind a toggle. */
export function VisibleText({ text, limit = LONG_TEXT, className, expandable = true }: { text: string | null | undefined; limit?: number; className?: string; expandable?: boolean }) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  if (text === null || text === undefined) return null;
  const revealed = revealInvisible(text);
  const hidden = hasInvisible(text);
  const long = [...revealed].length > limit;
  const shown = long && !expanded ? `${[...revealed].slice(0, limit).join('')}…` : revealed;
  const classes = ['visible-text', hidden ? 'has-invisible' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <span className={classes} data-invisible={hidden ? invisibleCharacters(text).join(' ') : undefined} title={long && !expandable ? revealed : undefined}>
      {hidden && <span className="invisible-flag" role="img" aria-label={t('text.invisible', { characters: invisibleCharacters(text).join(' ') })} title={t('text.invisible', { characters: invisibleCharacters(text).join(' ') })}>⚠</span>}
      <bdi translate="no">{shown}</bdi>
      {long && expandable && (
        <button type="button" className="link-button text-toggle" aria-expanded={expanded} onClick={(event) => { event.stopPropagation(); setExpanded(!expanded); }}>
          {expanded ? t('text.collapse') : t('text.expand', { count: [...revealed].length })}
        </button>
      )}
    </span>
  );
}
