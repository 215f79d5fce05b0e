/** An app's side menu as its definition arranges it (`menu`: named groups of forms, views,
 * reports and dashboards in order), resolved against what the user may open: an entry whose
 * form, view, report or dashboard is not in the lists given is left out, and the app's forms
 * that no group names follow in a last group. Without a `menu`, the forms in the order of the
 * app's `forms`. Shared by the side menu and the app settings page's preview. */
import type { Text } from "../api/types";

export type EntryType = "form" | "view" | "report" | "dashboard";

export interface MenuEntry {
  type: EntryType;
  key: string;
}

export interface MenuGroup {
  label?: Text;
  items: MenuEntry[];
}

export interface AppMenuDef {
  forms?: string[];
  menu?: MenuGroup[];
}

/** What the user may open, by type: key -> label. */
export type Catalog = Record<EntryType, Map<string, Text | undefined>>;

export interface ResolvedGroup {
  label?: Text;
  /** true for the trailing group of forms no group names */
  rest?: boolean;
  items: (MenuEntry & { label?: Text })[];
}

export const entryId = (e: MenuEntry) => `${e.type}:${e.key}`;

/** The app's forms in their menu order: those in `app.forms` first, in that order, then any other. */
export function orderedForms(app: AppMenuDef, forms: string[]): string[] {
  const order = new Map((app.forms ?? []).map((f, i) => [f, i]));
  return [...forms].sort((a, b) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6));
}

export function resolveMenu(app: AppMenuDef, catalog: Catalog): ResolvedGroup[] {
  const forms = orderedForms(app, [...catalog.form.keys()]);
  if (!app.menu) return [{ rest: true, items: forms.map((key) => ({ type: "form", key, label: catalog.form.get(key) })) }];
  const placed = new Set<string>();
  const groups: ResolvedGroup[] = app.menu.map((g) => ({
    label: g.label,
    items: g.items.filter((e) => catalog[e.type]?.has(e.key)).map((e) => {
      placed.add(entryId(e));
      return { ...e, label: catalog[e.type].get(e.key) };
    }),
  })).filter((g) => g.items.length > 0);
  const rest = forms.filter((key) => !placed.has(`form:${key}`));
  if (rest.length) groups.push({ rest: true, items: rest.map((key) => ({ type: "form", key, label: catalog.form.get(key) })) });
  return groups;
}

/** The entries a menu places, as `type:key` ids. */
export function placedIds(app: AppMenuDef): Set<string> {
  return new Set((app.menu ?? []).flatMap((g) => g.items.map(entryId)));
}
