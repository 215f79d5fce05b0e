/** The widget types a dashboard tile may hold (the server's reports/widgets/ registry, by the
 * same names), their default settings and size, a new widget's id and place, the settings a
 * widget cannot be added without, and the layout request of an edited dashboard: tiles moved,
 * widgets added, tiles removed. */
import type { LayoutItem } from "react-grid-layout";
import { COLS, placeOf } from "../layout";
import type { TileDef, TilePlace, WidgetSpec } from "../types";

export const WIDGET_TYPES = ["shortcuts", "tasks", "messages", "recent", "dashboards"] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/** What a shortcut links to (`new`: the form's new-record drawer). */
export const SHORTCUT_KINDS = ["new", "form", "report", "dashboard", "reports", "inbox", "messages"] as const;
export type ShortcutKind = (typeof SHORTCUT_KINDS)[number];
/** the kinds that name a target, and which list it is picked from */
export const SHORTCUT_TARGETS: Partial<Record<ShortcutKind, "form" | "report" | "dashboard">> = {
  new: "form", form: "form", report: "report", dashboard: "dashboard",
};

export interface Shortcut {
  kind: ShortcutKind;
  target?: string;
  label?: { zh?: string; en?: string };
}

const SIZES: Record<WidgetType, { w: number; h: number }> = {
  shortcuts: { w: 12, h: 2 }, tasks: { w: 4, h: 6 }, messages: { w: 4, h: 6 }, recent: { w: 4, h: 6 }, dashboards: { w: 4, h: 4 },
};
export const LIMIT_MAX: Record<string, number> = { recent: 30, tasks: 20, messages: 20 };

export function isWidgetType(type: unknown): type is WidgetType {
  return typeof type === "string" && (WIDGET_TYPES as readonly string[]).includes(type);
}

export function defaultSpec(type: WidgetType): WidgetSpec {
  switch (type) {
    case "shortcuts": return { type, items: [{ kind: "inbox" }, { kind: "reports" }] };
    case "tasks": return { type, limit: 6 };
    case "messages": return { type, limit: 6 };
    case "recent": return { type, limit: 8 };
    case "dashboards": return { type, items: [] };
  }
}

export function defaultSize(type: WidgetType): { w: number; h: number } {
  return SIZES[type];
}

/** A tile id not yet used: the type's name, then type_2, type_3 ... */
export function newTileId(taken: Iterable<string>, type: string): string {
  const used = new Set(taken);
  if (!used.has(type)) return type;
  for (let n = 2; ; n += 1) if (!used.has(`${type}_${n}`)) return `${type}_${n}`;
}

/** Below every tile, at the left. */
export function placeAtBottom(layout: readonly Pick<LayoutItem, "y" | "h">[], w: number, h: number): { x: number; y: number; w: number; h: number } {
  const y = layout.reduce((m, l) => Math.max(m, l.y + l.h), 0);
  return { x: 0, y, w: Math.min(COLS, w), h };
}

/** The settings' problems the editor shows before a widget is added (keys of texts). */
export function specProblems(spec: WidgetSpec): string[] {
  const out: string[] = [];
  if (!isWidgetType(spec.type)) return ["widgets.problems.type"];
  if (spec.type === "shortcuts") {
    const items = Array.isArray(spec.items) ? (spec.items as Shortcut[]) : [];
    if (!items.length) out.push("widgets.problems.noShortcut");
    if (items.some((i) => SHORTCUT_TARGETS[i.kind] && !i.target)) out.push("widgets.problems.noTarget");
  }
  if (spec.type === "dashboards" && !(Array.isArray(spec.items) && spec.items.length)) out.push("widgets.problems.noDashboard");
  const max = LIMIT_MAX[spec.type];
  if (max && spec.limit != null && !(Number.isInteger(spec.limit) && (spec.limit as number) >= 1 && (spec.limit as number) <= max)) {
    out.push("widgets.problems.limit");
  }
  return out;
}

/** A new widget tile (its place at the bottom of `layout`). */
export function newWidgetTile(spec: WidgetSpec, tiles: TileDef[], layout: readonly LayoutItem[]): TileDef {
  const type = isWidgetType(spec.type) ? spec.type : "shortcuts";
  const size = defaultSize(type);
  return { id: newTileId(tiles.map((t) => t.id), spec.type), widget: spec, ...placeAtBottom(layout, size.w, size.h), readable: true };
}

/** The layout request of an edited dashboard: every kept tile's place (a new widget with its
 * settings), and the original tiles no longer there. */
export function layoutRequest(original: TileDef[], edited: TileDef[], layout: readonly LayoutItem[]): { tiles: TilePlace[]; remove: string[] } {
  const byId = new Map(layout.map((l) => [l.i, l]));
  const had = new Set(original.map((t) => t.id));
  const tiles = edited.map((t): TilePlace => {
    const l = byId.get(t.id);
    const place = l ? { id: t.id, x: l.x, y: l.y, w: l.w, h: l.h } : placeOf(t);
    return had.has(t.id) || !t.widget ? place : { ...place, widget: t.widget };
  });
  const kept = new Set(edited.map((t) => t.id));
  return { tiles, remove: original.filter((t) => !kept.has(t.id)).map((t) => t.id) };
}

/** Has the edit changed anything: a tile moved or resized, added or removed. */
export function layoutChanged(original: TileDef[], edited: TileDef[], layout: readonly LayoutItem[]): boolean {
  const { tiles, remove } = layoutRequest(original, edited, layout);
  if (remove.length || tiles.some((t) => t.widget)) return true;
  const before = new Map(original.map((t) => [t.id, placeOf(t)]));
  return tiles.some((p) => {
    const b = before.get(p.id);
    return !b || b.x !== p.x || b.y !== p.y || b.w !== p.w || b.h !== p.h;
  });
}
