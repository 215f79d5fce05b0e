/** Registers the record 360's texts (namespace "record360") with the app's i18next instance.
 * Components use `useRecord360Text()`: keys resolve in "record360" first, then in the app's texts. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const NS = "record360";
export const NAMESPACES = [NS, "translation"];

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

export function useRecord360Text() {
  return useTranslation(NAMESPACES, { nsMode: "fallback" });
}
