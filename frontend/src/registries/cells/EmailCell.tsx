/** An e-mail address as a mailto link. */
import type { CellProps } from "../types";

export default function EmailCell({ value }: CellProps) {
  if (!value) return null;
  return <a href={`mailto:${String(value)}`} onClick={(e) => e.stopPropagation()}>{String(value)}</a>;
}
