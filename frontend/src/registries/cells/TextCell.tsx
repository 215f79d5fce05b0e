/** Text-like values (text, long text, mobile, auto-number) as one line. */
import type { CellProps } from "../types";

export default function TextCell({ value }: CellProps) {
  if (value == null || value === "") return null;
  return <span className="trellis-cell-text">{String(value)}</span>;
}
