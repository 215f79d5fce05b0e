/** What publishing the app settings changes, in words a business user reads: the name, the
 * icon, the home page, groups added, removed or renamed, and the entries of a group in their
 * new order ("「客户服务」组:工单、满意度调查"). */
import type { Text } from "../../api/types";
import { textOf } from "../../i18n/text";
import type { Lang } from "../../i18n";
import type { MenuGroup } from "../../shell/appMenu";
import type { AppDefinition } from "./model";

type T = (key: string, values?: Record<string, unknown>) => string;

export function describeChanges(before: AppDefinition | null, after: AppDefinition, name: (type: string, key: string) => string,
  t: T, lang: Lang): string[] {
  const out: string[] = [];
  const tx = (x: Text | undefined, fallback = "") => textOf(x, lang, fallback);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!before) return [t("settings.changes.first")];
  if (!same(before.label?.zh, after.label?.zh)) {
    out.push(t("settings.changes.name", { from: before.label?.zh ?? "", to: after.label?.zh ?? "" }));
  }
  if (!same(before.label?.en, after.label?.en)) {
    out.push(t("settings.changes.nameEn", { from: before.label?.en || t("settings.changes.none"), to: after.label?.en || t("settings.changes.none") }));
  }
  if (!same(before.icon, after.icon)) {
    out.push(t("settings.changes.icon", { from: before.icon ?? t("settings.changes.none"), to: after.icon ?? t("settings.changes.none") }));
  }
  const home = (d: AppDefinition) => (d.home?.dashboard ? name("dashboard", d.home.dashboard)
    : d.home?.form ? name("form", d.home.form) : t("settings.home.default"));
  if (!same(before.home, after.home)) out.push(t("settings.changes.home", { from: home(before), to: home(after) }));
  if (!same(before.menu, after.menu)) {
    const label = (g: MenuGroup, i: number) => tx(g.label, t("settings.menu.unnamed", { n: i + 1 }));
    const was = before.menu ?? [];
    const now = after.menu ?? [];
    if (!before.menu) out.push(t("settings.changes.menuFirst"));
    now.forEach((g, i) => {
      const list = g.items.map((e) => name(e.type, e.key)).join(lang === "en" ? ", " : "、") || t("settings.changes.empty");
      const old = was[i];
      if (!old) out.push(t("settings.changes.groupAdded", { group: label(g, i), items: list }));
      else {
        if (!same(old.label, g.label)) out.push(t("settings.changes.groupRenamed", { from: label(old, i), to: label(g, i) }));
        if (!same(old.items, g.items)) out.push(t("settings.changes.groupItems", { group: label(g, i), items: list }));
      }
    });
    was.slice(now.length).forEach((g, i) => out.push(t("settings.changes.groupRemoved", { group: label(g, now.length + i) })));
  }
  const rest = Object.keys({ ...before, ...after }).filter((k) => !["label", "icon", "home", "menu"].includes(k)
    && !same(before[k], after[k]));
  if (rest.length) out.push(t("settings.changes.other", { keys: rest.join(", ") }));
  return out;
}
