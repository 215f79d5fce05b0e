/** A dashboard's tiles on the grid and back. */
import { describe, expect, it } from "vitest";
import { gridLayout, moved, placeOf, placesOf, readingOrder, tileHeight } from "./layout";
import type { TileDef } from "./types";

const TILES: TileDef[] = [
  { id: "b", report: "r2", x: 6, y: 0, w: 6, h: 4 },
  { id: "a", report: "r1", x: 0, y: 0, w: 6, h: 4 },
  { id: "c", report: "r3", x: 0, y: 4, w: 12, h: 3 },
];

describe("layout", () => {
  it("places tiles on the grid and keeps them inside it", () => {
    expect(gridLayout(TILES)[0]).toEqual({ i: "b", x: 6, y: 0, w: 6, h: 4, minW: 2, minH: 2 });
    expect(placeOf({ id: "x", x: 10, y: -1, w: 6, h: 0 })).toEqual({ id: "x", x: 6, y: 0, w: 6, h: 1 });
  });

  it("reads the places back after a move and tells whether anything moved", () => {
    const layout = gridLayout(TILES).map((l) => (l.i === "c" ? { ...l, y: 0, h: 5 } : l));
    const places = placesOf(TILES, layout);
    expect(places.map((p) => p.id)).toEqual(["b", "a", "c"]);
    expect(places[2]).toEqual({ id: "c", x: 0, y: 0, w: 12, h: 5 });
    expect(moved(TILES, places)).toBe(true);
    expect(moved(TILES, placesOf(TILES, gridLayout(TILES)))).toBe(false);
  });

  it("reads top to bottom, left to right on a phone", () => {
    expect(readingOrder(TILES).map((t) => t.id)).toEqual(["a", "b", "c"]);
    expect(tileHeight(4)).toBe(4 * 60 + 3 * 12);
  });
});
