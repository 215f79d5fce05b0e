/** Registers the import wizard's texts (namespace "imports") with the app's i18next instance; loaded
 * with the wizard's chunk, so the first page does not carry them. Components use
 * `useImportText()`: keys resolve in "imports" first, then in the app's own texts. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const NS = "imports";
export const NAMESPACES = [NS, "translation"];

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

/** `t` for the wizard's components: the "imports" texts, falling back to the app's own. */
export function useImportText() {
  return useTranslation(NAMESPACES, { nsMode: "fallback" });
}
