/** The pivot's conditional colouring: a background from the `low` colour to the `high` one
 * over the measure's range in the detail cells (`chart.colour` = {measure, low, high}; numbers
 * instead of colours fix the range), with text that stays readable on a dark background. */
import type { Pivot } from "./pivot";
import type { ColourScale } from "./types";

const DEFAULT_LOW = "#f0f5ff";
const DEFAULT_HIGH = "#2f54eb";

type Rgb = [number, number, number];

export function parseColour(text: unknown): Rgb | null {
  if (typeof text !== "string") return null;
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].split("").map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const hex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

export interface Background {
  measure: string;
  min: number;
  max: number;
  low: Rgb;
  high: Rgb;
}

/** The scale of a pivot's colouring, or null when it has none (or no figure to colour). */
export function backgroundScale(pivot: Pivot, colour: ColourScale | null | undefined): Background | null {
  if (!colour || typeof colour !== "object") return null;
  const measure = colour.measure && pivot.measures.some((m) => m.id === colour.measure) ? colour.measure : pivot.measures[0]?.id;
  if (!measure) return null;
  const figures: number[] = [];
  for (const row of pivot.rows) {
    if (row.kind !== "detail") continue;
    for (const leaf of pivot.leaves) {
      const v = row.cells[leaf.key];
      if (leaf.kind === "detail" && leaf.measure.id === measure && typeof v === "number") figures.push(v);
    }
  }
  const fixed = typeof colour.low === "number" && typeof colour.high === "number";
  if (!fixed && figures.length === 0) return null;
  return {
    measure,
    min: fixed ? (colour.low as number) : Math.min(...figures),
    max: fixed ? (colour.high as number) : Math.max(...figures),
    low: parseColour(colour.low) ?? parseColour(DEFAULT_LOW)!,
    high: parseColour(colour.high) ?? parseColour(DEFAULT_HIGH)!,
  };
}

/** A detail cell's background (and text colour on a dark one); nothing for other measures. */
export function backgroundOf(scale: Background | null, measure: string, value: number | null):
  { background: string; color?: string } | undefined {
  if (!scale || measure !== scale.measure || value == null) return undefined;
  const span = scale.max - scale.min;
  const t = span > 0 ? Math.min(1, Math.max(0, (value - scale.min) / span)) : 1;
  const rgb = scale.low.map((c, i) => c + (scale.high[i] - c) * t) as Rgb;
  const luminance = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255;
  return luminance < 0.55 ? { background: hex(rgb), color: "#fff" } : { background: hex(rgb) };
}
