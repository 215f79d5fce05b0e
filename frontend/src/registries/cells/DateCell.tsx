/** Dates as YYYY-MM-DD, date-times as YYYY-MM-DD HH:mm. */
import { formatDateTime } from "../format";
import type { CellProps } from "../types";

export default function DateCell({ field, value }: CellProps) {
  if (!value) return null;
  return <span style={{ whiteSpace: "nowrap" }}>{field.type === "datetime" ? formatDateTime(value) : String(value)}</span>;
}
