/** A web address as a link opened in a new tab. */
import type { CellProps } from "../types";

export default function UrlCell({ value }: CellProps) {
  if (!value) return null;
  const href = String(value);
  return <a href={href} target="_blank" rel="noreferrer noopener" onClick={(e) => e.stopPropagation()}>{href}</a>;
}
