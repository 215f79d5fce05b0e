/** Registers the reports' and dashboards' texts (namespace "reports") with the app's i18next
 * instance; loaded with the pages. `useReportsText()` resolves keys in "reports" first. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const NS = "reports";

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

export function useReportsText() {
  return useTranslation([NS, "translation"], { nsMode: "fallback" });
}
