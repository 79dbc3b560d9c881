// A message of the engine (finding, proposal, invoice check) in the reviewer's language, with the
// dossier's data inside it marked as data and its invisible characters revealed.
import { Fragment } from 'react';
import { useI18n } from '../i18n';
import type { Language } from '../state/ui';
import { hasInvisible, invisibleCharacters, revealInvisible } from '../core/visible-text';
import { messageParts } from './message-parts';

/** A sentence in both languages; either may be missing in messages stored before it existed. */
export interface BilingualMessage {
  zh?: string;
  en?: string;
}

/** A finding or proposal: zh-CN `message`, English `messageEn`. */
export function findingSentence(finding: { message: string; messageEn?: string }): BilingualMessage {
  return { zh: finding.message, en: finding.messageEn };
}

/** An invoice check: English `message`, zh-CN `messageZh`. */
export function checkSentence(check: { message: string; messageZh?: string }): BilingualMessage {
  return { zh: check.messageZh, en: check.message };
}

function shownSentence(message: BilingualMessage, language: Language): { text: string; sentenceLanguage: 'zh' | 'en' | null } {
  const own = language === 'en' ? message.en : message.zh;
  if (own !== undefined) return { text: own, sentenceLanguage: language === 'en' ? 'en' : 'zh' };
  return { text: (language === 'en' ? message.zh : message.en) ?? '', sentenceLanguage: null };
}

export function MessageText({ message, className, id }: { message: BilingualMessage; className?: string; id?: string }) {
  const { t, language } = useI18n();
  const { text, sentenceLanguage } = shownSentence(message, language);
  const hidden = hasInvisible(text);
  return (
    <span className={className} id={id} data-invisible={hidden ? invisibleCharacters(text).join(' ') : undefined}>
      {hidden && <span className="invisible-flag" role="img" aria-label={t('text.invisible', { characters: invisibleCharacters(text).join(' ') })} title={t('text.invisible', { characters: invisibleCharacters(text).join(' ') })}>⚠</span>}
      {messageParts(text, sentenceLanguage).map((part, index) => (
        part.data ? <bdi key={index} translate="no">{revealInvisible(part.text)}</bdi> : <Fragment key={index}>{revealInvisible(part.text)}</Fragment>
      ))}
    </span>
  );
}
