/** Bilingual user-defined texts ({zh, en}) shown in the current language. */
import { useTranslation } from "react-i18next";
import type { Text } from "../api/types";
import { langOf, type Lang } from "./index";

/** The text in `lang`, else the other language, else `fallback`. */
export function textOf(text: Text | string | null | undefined, lang: Lang, fallback = ""): string {
  if (text == null) return fallback;
  if (typeof text === "string") return text;
  const first = lang === "en" ? text.en : text.zh;
  const second = lang === "en" ? text.zh : text.en;
  return first || second || fallback;
}

/** The current language and a `tx` that picks a Text's variant in it. */
export function useLang(): { lang: Lang; tx: (text: Text | string | null | undefined, fallback?: string) => string } {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return { lang, tx: (text, fallback = "") => textOf(text, lang, fallback) };
}
