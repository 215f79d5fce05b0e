/** A rating in a grid cell, a board card or the record page: filled and hollow stars. */
import { most, type CellProps } from "./props";

export default function RatingCell({ field, value }: CellProps) {
  if (typeof value !== "number") return null;
  const count = most(field);
  const shown = Math.max(0, Math.min(value, count));
  return (
    <span className="trellis-rating" title={`${shown}/${count}`} aria-label={`${shown}/${count}`} data-rating={shown}>
      <span style={{ color: "#fadb14" }}>{"★".repeat(shown)}</span>
      <span style={{ color: "#d9d9d9" }}>{"☆".repeat(count - shown)}</span>
    </span>
  );
}
