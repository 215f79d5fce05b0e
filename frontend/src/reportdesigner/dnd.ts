/**
 * Drag-and-drop ids and what a drop does. Draggables: a field of the list (`field:<path>`,
 * `field:*` the count of records), a placed dimension (`dim:<field>`) or measure
 * (`mea:<id>`). Targets: the two zones (`zone:dimensions`, `zone:measures`) and the placed
 * cards (a field dropped on a card goes before it; a card dropped on a card of its zone takes
 * its place).
 */
import type { ReportDef } from "./model";

export const RECORDS = "*";
export const DIMENSIONS_ZONE = "zone:dimensions";
export const MEASURES_ZONE = "zone:measures";
export const fieldDnd = (path: string) => `field:${path}`;
export const dimensionDnd = (field: string) => `dim:${field}`;
export const measureDnd = (id: string) => `mea:${id}`;

export type DropAction =
  | { kind: "addDimension"; path: string; at?: number }
  | { kind: "addMeasure"; path: string | null; at?: number }
  | { kind: "moveDimension"; from: number; to: number }
  | { kind: "moveMeasure"; from: number; to: number };

const after = (id: string, prefix: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : null);

/** What dropping `active` on `over` does to `def`, or null (nothing). */
export function dropAction(active: string | number, over: string | number | null | undefined, def: ReportDef): DropAction | null {
  if (typeof active !== "string" || typeof over !== "string") return null;
  const dimAt = (id: string) => def.dimensions.findIndex((d) => d.field === id);
  const meaAt = (id: string) => def.measures.findIndex((m) => m.id === id);
  const overDim = after(over, "dim:");
  const overMea = after(over, "mea:");
  const path = after(active, "field:");
  if (path !== null) {
    if (over === DIMENSIONS_ZONE || overDim !== null) {
      if (path === RECORDS) return null;
      return { kind: "addDimension", path, at: overDim !== null ? dimAt(overDim) : undefined };
    }
    if (over === MEASURES_ZONE || overMea !== null) {
      return { kind: "addMeasure", path: path === RECORDS ? null : path, at: overMea !== null ? meaAt(overMea) : undefined };
    }
    return null;
  }
  const dim = after(active, "dim:");
  if (dim !== null && (overDim !== null || over === DIMENSIONS_ZONE)) {
    const from = dimAt(dim);
    const to = overDim !== null ? dimAt(overDim) : def.dimensions.length - 1;
    return from >= 0 && to >= 0 && from !== to ? { kind: "moveDimension", from, to } : null;
  }
  const mea = after(active, "mea:");
  if (mea !== null && (overMea !== null || over === MEASURES_ZONE)) {
    const from = meaAt(mea);
    const to = overMea !== null ? meaAt(overMea) : def.measures.length - 1;
    return from >= 0 && to >= 0 && from !== to ? { kind: "moveMeasure", from, to } : null;
  }
  return null;
}
