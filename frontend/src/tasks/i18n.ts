/** Registers the task texts (namespace "tasks") with the app's i18next instance; components use
 * `useTaskText()`: keys resolve in "tasks" first, then in the app's own texts. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import en from "./locales/en";
import zh from "./locales/zh";

export const TASKS_NS = "tasks";

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, TASKS_NS)) i18n.addResourceBundle(lng, TASKS_NS, texts, true, false);
}

/** `t` for the task components: the "tasks" texts, falling back to the app's own. */
export function useTaskText() {
  return useTranslation([TASKS_NS, "translation"], { nsMode: "fallback" });
}
