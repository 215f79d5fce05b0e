/** A JSON value as compact monospace text. */
import type { CellProps } from "../types";

export default function JsonCell({ value }: CellProps) {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  return <code className="trellis-json" title={text}>{text.length > 80 ? `${text.slice(0, 79)}…` : text}</code>;
}
