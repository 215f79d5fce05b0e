/** Registers the public form texts (namespace "publicforms") with the app's i18next instance; loaded
 * with the public page and the 外链 panel only. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import { en, zh } from "./texts";

export const NS = "publicforms";

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

/** `t` for the public form texts. */
export function usePublicText() {
  return useTranslation(NS);
}
