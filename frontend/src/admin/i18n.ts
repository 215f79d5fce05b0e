/** Registers the administration texts (namespace "admin") with the app's i18next instance; loaded
 * with the administration pages only. Components use `useAdminText()`: keys resolve in "admin"
 * first, then in the app's own texts. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const NS = "admin";
export const NAMESPACES = [NS, "translation"];

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

/** `t` for the administration pages: the "admin" texts, falling back to the app's own. */
export function useAdminText() {
  return useTranslation(NAMESPACES, { nsMode: "fallback" });
}
