/** A department by name in the current language. */
import { useLang } from "../../i18n/text";
import { departmentLabel } from "../format";
import type { CellProps } from "../types";

export default function DepartmentCell({ value }: CellProps) {
  const { lang } = useLang();
  if (value == null) return null;
  return <span style={{ whiteSpace: "nowrap" }}>{departmentLabel(value, lang)}</span>;
}
