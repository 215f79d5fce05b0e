/** The inbox's name in the menu and the header, without loading the task texts on the first page. */
import type { Lang } from "../i18n";

export const INBOX_PATH = "/inbox";

export function menuLabel(lang: Lang): string {
  return lang === "en" ? "Tasks" : "待办";
}

/** "99+" past 99. */
export function countText(n: number): string {
  return n > 99 ? "99+" : String(n);
}
