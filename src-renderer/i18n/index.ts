// Translation and locale formatting. zh-CN is the default; English is one switch away. Amounts are
// always ¥12,720.00 (core/money formatCny) and dates YYYY-MM-DD, whatever the language.
import { useCallback, useMemo } from 'react';
import { formatCny } from '../core/money';
import { useUi, type Language } from '../state/ui';
import { en, zhCN, type MessageKey } from './messages';
import { interpolate } from './interpolate';

export type { MessageKey } from './messages';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const CATALOGS = { 'zh-CN': zhCN, en } as const;

/** Whether a key built at run time (from a check id, say) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const template: string = CATALOGS[language][key] ?? zhCN[key];
  return interpolate(template, params);
}

/** YYYY-MM-DD of an ISO date or timestamp, in the reviewer's local time for timestamps. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD HH:mm:ss in local time: audit entries and sign-off. */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "0.2331" → "23.31%", "0.2" → "20%": exact string shifting, no float arithmetic. */
export function formatRatioPercent(ratio: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(ratio);
  if (!match) return ratio;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const percentWhole = `${whole}${fraction.padEnd(2, '0').slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2);
  return `${sign}${percentWhole}${rest ? `.${rest}` : ''}%`;
}

export { formatCny };

export function useI18n() {
  const language = useUi((state) => state.language);
  const t = useCallback<Translate>((key, params) => translate(language, key, params), [language]);
  return useMemo(() => ({ language, t, formatCny, formatDate, formatDateTime }), [language, t]);
}
