/** The widget registry and its settings: every type the server knows has a component, its
 * defaults pass the editor's checks, a new widget gets a free id and a place below the
 * others, and an edited layout becomes the request that adds, moves and removes tiles. */
import { describe, expect, it } from "vitest";
import zh from "../locales/zh";
import en from "../locales/en";
import type { TileDef } from "../types";
import {
  WIDGET_TYPES, defaultSize, defaultSpec, isWidgetType, layoutChanged, layoutRequest, newTileId, newWidgetTile,
  placeAtBottom, specProblems,
} from "./config";
import { WIDGETS } from "./registry";

const TILES: TileDef[] = [
  { id: "shortcuts", widget: { type: "shortcuts", items: [{ kind: "inbox" }] }, x: 0, y: 0, w: 12, h: 2 },
  { id: "mine", report: "my_clients_kpi", x: 0, y: 2, w: 4, h: 3 },
];
const LAYOUT = TILES.map((t) => ({ i: t.id, x: t.x, y: t.y, w: t.w, h: t.h }));

describe("widget registry", () => {
  it("has a component, a size, defaults and texts for each type the server knows", () => {
    expect([...WIDGET_TYPES].sort()).toEqual(["dashboards", "messages", "recent", "shortcuts", "tasks"]);
    expect(Object.keys(WIDGETS).sort()).toEqual([...WIDGET_TYPES].sort());
    for (const type of WIDGET_TYPES) {
      expect(WIDGETS[type].component).toBeTypeOf("function");
      expect(defaultSpec(type).type).toBe(type);
      expect(defaultSize(type).w).toBeGreaterThan(0);
      expect(zh.widgets.types[type]).toBeTruthy();
      expect(en.widgets.types[type]).toBeTruthy();
    }
    expect(isWidgetType("tasks")).toBe(true);
    expect(isWidgetType("clock")).toBe(false);
  });

  it("checks what a widget cannot be added without", () => {
    expect(specProblems(defaultSpec("tasks"))).toEqual([]);
    expect(specProblems(defaultSpec("shortcuts"))).toEqual([]);
    expect(specProblems(defaultSpec("dashboards"))).toEqual(["widgets.problems.noDashboard"]);
    expect(specProblems({ type: "shortcuts", items: [] })).toEqual(["widgets.problems.noShortcut"]);
    expect(specProblems({ type: "shortcuts", items: [{ kind: "new" }] })).toEqual(["widgets.problems.noTarget"]);
    expect(specProblems({ type: "shortcuts", items: [{ kind: "new", target: "client" }, { kind: "inbox" }] })).toEqual([]);
    expect(specProblems({ type: "recent", limit: 31 })).toEqual(["widgets.problems.limit"]);
    expect(specProblems({ type: "messages", limit: 2.5 })).toEqual(["widgets.problems.limit"]);
    expect(specProblems({ type: "clock" })).toEqual(["widgets.problems.type"]);
  });
});

describe("adding and removing widgets", () => {
  it("gives a new widget a free id and a place below every tile", () => {
    expect(newTileId(["tasks"], "recent")).toBe("recent");
    expect(newTileId(["tasks", "tasks_2"], "tasks")).toBe("tasks_3");
    expect(placeAtBottom(LAYOUT, 4, 6)).toEqual({ x: 0, y: 5, w: 4, h: 6 });
    expect(placeAtBottom([], 20, 2)).toEqual({ x: 0, y: 0, w: 12, h: 2 });
    const tile = newWidgetTile({ type: "shortcuts", items: [{ kind: "reports" }] }, TILES, LAYOUT);
    expect(tile).toMatchObject({ id: "shortcuts_2", x: 0, y: 5, w: 12, h: 2, widget: { type: "shortcuts" } });
  });

  it("asks to add the new widgets with their settings, place the others and remove the dropped", () => {
    const added = newWidgetTile({ type: "tasks", limit: 5 }, TILES, LAYOUT);
    const edited = [TILES[1], added];
    const layout = [{ i: "mine", x: 2, y: 0, w: 4, h: 3 }, { i: "tasks", x: 0, y: 3, w: 4, h: 6 }];
    expect(layoutRequest(TILES, edited, layout)).toEqual({
      tiles: [{ id: "mine", x: 2, y: 0, w: 4, h: 3 }, { id: "tasks", x: 0, y: 3, w: 4, h: 6, widget: { type: "tasks", limit: 5 } }],
      remove: ["shortcuts"],
    });
    expect(layoutChanged(TILES, edited, layout)).toBe(true);
    expect(layoutChanged(TILES, TILES, LAYOUT)).toBe(false);
    expect(layoutChanged(TILES, [TILES[0]], LAYOUT)).toBe(true);                       // one removed
    expect(layoutChanged(TILES, TILES, [{ ...LAYOUT[0], h: 3 }, LAYOUT[1]])).toBe(true); // one resized
  });
});
