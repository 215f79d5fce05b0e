/** Registers the report designer's texts (namespace "reportdesigner") with the app's i18next
 * instance; loaded with the designer. `useDesignerText()` resolves keys there first. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const NS = "reportdesigner";

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

export function useDesignerText() {
  return useTranslation([NS, "translation"], { nsMode: "fallback" });
}
