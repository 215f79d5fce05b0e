/** Registers the decision tables' texts (namespace "decisions") with the app's i18next instance. */
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const DECISIONS_NS = "decisions";

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, DECISIONS_NS)) i18n.addResourceBundle(lng, DECISIONS_NS, texts, true, false);
}

export default i18n;
