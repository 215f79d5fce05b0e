/** A sub-table as its row count. */
import { TableOutlined } from "@ant-design/icons";
import { useLang } from "../../i18n/text";
import { displayText } from "../format";
import type { CellProps } from "../types";

export default function SubTableCell({ field, value }: CellProps) {
  const { lang } = useLang();
  if (!Array.isArray(value) || value.length === 0) return null;
  return <span><TableOutlined style={{ color: "#8c8c8c", marginInlineEnd: 4 }} />{displayText(field, value, lang)}</span>;
}
