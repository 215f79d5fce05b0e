/** Computed fields (formula, lookup, rollup) in a grid cell: read-only, shown by the kind of
 * value they compute (`value_type`): numbers right-aligned in the user's format, dates, yes / no;
 * a formula whose values are named (options) as their tags. */
import { useLang } from "../../i18n/text";
import { computedText, optionOf } from "../format";
import type { CellProps } from "../types";
import SelectCell from "./SelectCell";

export default function ComputedCell(props: CellProps) {
  const { field, value } = props;
  const { lang } = useLang();
  if (optionOf(field, value)) return <SelectCell {...props} />; // a formula's values named, as tags
  const text = computedText(field, value, lang);
  if (!text) return null;
  const negative = field.value_type === "number" && typeof value === "number" && value < 0;
  return (
    <span className={negative ? "trellis-negative trellis-computed" : "trellis-computed trellis-cell-text"}
      style={field.value_type === "date" || field.value_type === "datetime" ? { whiteSpace: "nowrap" } : undefined}>
      {text}
    </span>
  );
}
