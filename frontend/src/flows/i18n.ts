/** Registers the flow designer's texts (namespace "flows") with the app's i18next instance. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const FLOWS_NS = "flows";

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, FLOWS_NS)) i18n.addResourceBundle(lng, FLOWS_NS, texts, true, false);
}

/** `t` over the flows' texts. */
export const useFlowText = () => useTranslation(FLOWS_NS);

export default i18n;
