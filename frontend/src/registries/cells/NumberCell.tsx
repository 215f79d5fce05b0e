/** Integer, decimal, money and percent, formatted for the current language. */
import { useLang } from "../../i18n/text";
import { formatNumber } from "../format";
import type { CellProps } from "../types";

export default function NumberCell({ field, value }: CellProps) {
  const { lang } = useLang();
  if (value == null || value === "") return null;
  const negative = typeof value === "number" && value < 0;
  return <span className={negative ? "trellis-negative" : undefined}>{formatNumber(field, value, lang)}</span>;
}
