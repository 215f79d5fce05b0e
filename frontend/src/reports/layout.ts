/** A dashboard's tiles on react-grid-layout's 12 columns: the grid layout of the definition's
 * x, y, w, h, the places a drag and resize left (the layout PUT's body), whether they moved,
 * and the reading order of the single column a phone shows. */
import type { LayoutItem } from "react-grid-layout";
import type { TileDef, TilePlace } from "./types";

export const COLS = 12;
export const ROW_HEIGHT = 60;
export const MARGIN = 12;

const clamp = (n: unknown, lo: number, hi: number, fallback: number) => {
  const v = typeof n === "number" && Number.isFinite(n) ? Math.round(n) : fallback;
  return Math.min(hi, Math.max(lo, v));
};

/** The tile's place, kept inside the grid. */
export function placeOf(t: Pick<TileDef, "id" | "x" | "y" | "w" | "h">): TilePlace {
  const w = clamp(t.w, 1, COLS, 6);
  return { id: t.id, x: clamp(t.x, 0, COLS - w, 0), y: clamp(t.y, 0, 10_000, 0), w, h: clamp(t.h, 1, 100, 4) };
}

export function gridLayout(tiles: TileDef[]): LayoutItem[] {
  return tiles.map((t) => {
    const p = placeOf(t);
    return { i: p.id, x: p.x, y: p.y, w: p.w, h: p.h, minW: 2, minH: 2 };
  });
}

/** The places of a grid layout, in the tiles' order. */
export function placesOf(tiles: TileDef[], layout: readonly LayoutItem[]): TilePlace[] {
  const byId = new Map(layout.map((l) => [l.i, l]));
  return tiles.map((t) => {
    const l = byId.get(t.id);
    return l ? { id: t.id, x: l.x, y: l.y, w: l.w, h: l.h } : placeOf(t);
  });
}

export function moved(tiles: TileDef[], places: TilePlace[]): boolean {
  const before = new Map(tiles.map((t) => [t.id, placeOf(t)]));
  return places.some((p) => {
    const b = before.get(p.id);
    return !b || b.x !== p.x || b.y !== p.y || b.w !== p.w || b.h !== p.h;
  });
}

/** Top to bottom, then left to right: the order of a one-column phone layout. */
export function readingOrder<T extends Pick<TileDef, "x" | "y">>(tiles: T[]): T[] {
  return [...tiles].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** A tile's height in pixels on the grid (rows and the gaps between them). */
export function tileHeight(h: number): number {
  return h * ROW_HEIGHT + (h - 1) * MARGIN;
}
