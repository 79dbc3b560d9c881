// The labels an audit sentence needs (core/audit/describe.ts), in the reviewer's language: the UI's
// translations for fields, reasons and states, the profile for criteria and checklist items.
import { useMemo } from 'react';
import type { AuditVocabulary } from '../core/audit/describe';
import { profileItemLabels } from '../core/profiles/summary';
import type { Profile } from '../core/profiles/schema';
import { isMessageKey, useI18n } from '../i18n';

export function useAuditVocabulary(profile: Profile | null): AuditVocabulary {
  const { t, language } = useI18n();
  return useMemo(() => {
    const items = profile ? profileItemLabels(profile) : new Map<string, { zh: string; en: string }>();
    const lang = language === 'en' ? 'en' : 'zh';
    const message = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
    return {
      language: lang,
      field: (name) => message(`field.${name}`, name),
      reason: (code) => message(`reason.${code}`, code),
      item: (id) => items.get(id)?.[lang] ?? id,
      state: (code) => message(`checks.status.${code}`, message(`checklists.state.${code}`, message(`reconcile.status.${code}`, code))),
    };
  }, [profile, t, language]);
}
