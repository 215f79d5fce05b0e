/** Bilingual texts: pick the current language's variant, fall back to Chinese. */
import type { Text } from './types';

export type Lang = 'zh' | 'en';

/** 'en' for any English locale (en, en-US), otherwise 'zh'. */
export function langOf(language: string | undefined): Lang {
  return language && language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** The text in `lang`, else the other language, else `fallback`. */
export function textOf(
  text: { zh?: string; en?: string } | string | null | undefined,
  lang: Lang,
  fallback = '',
): string {
  if (text == null) return fallback;
  if (typeof text === 'string') return text;
  const first = lang === 'en' ? text.en : text.zh;
  const second = lang === 'en' ? text.zh : text.en;
  return first || second || fallback;
}

/** `text` with its `lang` variant set to `value` as typed; undefined when both are empty. */
export function editText(text: { zh?: string; en?: string } | undefined, lang: Lang, value: string): Text | undefined {
  const next = { ...text, [lang]: value };
  const zh = next.zh ?? '';
  const en = next.en ?? '';
  if (!zh && !en) return undefined;
  return en ? { zh, en } : { zh };
}
