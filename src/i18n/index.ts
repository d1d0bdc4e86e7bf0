// The message catalogue. Every user-facing string comes from here, in the Slack user's locale.
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** Maps a Slack user locale (en-US, zh-CN, zh-TW, ja-JP…) to a catalogue, else the fallback. */
export function localeFromSlack(slackLocale: string | undefined, fallback: Locale): Locale {
  if (!slackLocale) return fallback;
  if (/^zh[-_](CN|Hans)/i.test(slackLocale)) return 'zh-CN';
  if (/^en/i.test(slackLocale)) return 'en';
  return fallback;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** A translator bound to one locale, handed to the Block Kit builders. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
