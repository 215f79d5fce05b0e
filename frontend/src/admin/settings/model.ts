/** The app settings page's model: the editable parts of an app definition (name, icon, menu,
 * home page) read from it and written back into it. Writing back keeps every other member as
 * it was, and writes nothing new when nothing was edited (a definition without a menu keeps
 * having none until the menu is arranged). Moving entries within and between groups is here too. */
import type { Text } from "../../api/types";
import type { MenuEntry, MenuGroup } from "../../shell/appMenu";

export interface AppDefinition {
  schema_version: 1;
  id: string;
  label: Text;
  icon?: string;
  forms?: string[];
  home?: { dashboard?: string; form?: string };
  menu?: MenuGroup[];
  [member: string]: unknown;
}

export type Home = { type: "default" } | { type: "dashboard" | "form"; key: string };

export interface Settings {
  label: Text;
  icon?: string;
  /** null: the menu was never arranged (the forms in the order of `forms`) */
  menu: MenuGroup[] | null;
  home: Home;
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function fromDefinition(def: AppDefinition): Settings {
  const home: Home = def.home?.dashboard ? { type: "dashboard", key: def.home.dashboard }
    : def.home?.form ? { type: "form", key: def.home.form } : { type: "default" };
  return { label: copy(def.label), icon: def.icon, menu: def.menu ? copy(def.menu) : null, home };
}

function cleanText(text: Text | undefined): Text | undefined {
  if (!text) return undefined;
  const out: Text = {};
  if (text.zh?.trim()) out.zh = text.zh.trim();
  if (text.en?.trim()) out.en = text.en.trim();
  return out.zh || out.en ? out : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function toDefinition(def: AppDefinition, s: Settings): AppDefinition {
  const out: AppDefinition = copy(def);
  const label = cleanText(s.label) ?? {};
  if (!sameJson(label, cleanText(def.label) ?? {})) out.label = label;
  if (s.icon) out.icon = s.icon;
  else delete out.icon;
  if (s.menu !== null) {
    out.menu = s.menu.map((g) => {
      const groupLabel = cleanText(g.label);
      return groupLabel ? { label: groupLabel, items: g.items.map((e) => ({ type: e.type, key: e.key })) }
        : { items: g.items.map((e) => ({ type: e.type, key: e.key })) };
    });
  }
  if (s.home.type === "default") {
    if (def.home?.dashboard || def.home?.form) delete out.home;
  }
  else out.home = { [s.home.type]: s.home.key };
  return out;
}

/** The menu a page starts arranging from: the definition's, else one group of its forms in order. */
export function startingMenu(def: AppDefinition, forms: string[], name: Text): MenuGroup[] {
  if (def.menu) return copy(def.menu);
  const order = new Map((def.forms ?? []).map((f, i) => [f, i]));
  const sorted = [...forms].sort((a, b) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6));
  return [{ label: name, items: sorted.map((key) => ({ type: "form", key })) }];
}

/** Where an entry is: [group, index], or null when no group holds it. */
export function locate(menu: MenuGroup[], id: string): [number, number] | null {
  for (let g = 0; g < menu.length; g++) {
    const i = menu[g].items.findIndex((e) => `${e.type}:${e.key}` === id);
    if (i >= 0) return [g, i];
  }
  return null;
}

/** The menu with `entry` taken out of wherever it is and put into group `group` at `index` (the end when past it). */
export function place(menu: MenuGroup[], entry: MenuEntry, group: number, index: number): MenuGroup[] {
  const id = `${entry.type}:${entry.key}`;
  const from = locate(menu, id);
  const next = menu.map((g) => ({ ...g, items: [...g.items] }));
  let at = index;
  if (from) {
    next[from[0]].items.splice(from[1], 1);
    if (from[0] === group && from[1] < index) at -= 1;
  }
  const items = next[group].items;
  items.splice(Math.max(0, Math.min(at, items.length)), 0, { type: entry.type, key: entry.key });
  return next;
}

/** The menu with the entry taken out (back among the entries not in the menu). */
export function unplace(menu: MenuGroup[], id: string): MenuGroup[] {
  return menu.map((g) => ({ ...g, items: g.items.filter((e) => `${e.type}:${e.key}` !== id) }));
}

/** One step up or down, crossing into the neighbouring group at a group's edge. */
export function step(menu: MenuGroup[], id: string, delta: -1 | 1): MenuGroup[] {
  const at = locate(menu, id);
  if (!at) return menu;
  const [g, i] = at;
  const entry = menu[g].items[i];
  const j = i + delta;
  if (j >= 0 && j < menu[g].items.length) return place(menu, entry, g, delta > 0 ? j + 1 : j);
  const other = g + delta;
  if (other < 0 || other >= menu.length) return menu;
  return place(menu, entry, other, delta > 0 ? 0 : menu[other].items.length);
}

/** Groups moved: group `from` to position `to`. */
export function moveGroup(menu: MenuGroup[], from: number, to: number): MenuGroup[] {
  if (to < 0 || to >= menu.length) return menu;
  const next = [...menu];
  const [g] = next.splice(from, 1);
  next.splice(to, 0, g);
  return next;
}
