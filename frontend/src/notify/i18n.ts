/** Registers the notification texts (namespace "notify") with the app's i18next instance; loaded
 * with the bell's list and the notification pages, so the first page does not carry them.
 * Components use `useNotifyText()`: keys resolve in "notify" first, then in the app's own texts. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const NS = "notify";
export const NAMESPACES = [NS, "translation"];

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

/** `t` for the notification components: the "notify" texts, falling back to the app's own. */
export function useNotifyText() {
  return useTranslation(NAMESPACES, { nsMode: "fallback" });
}
