/** Single and multiple choices as coloured tags with the option labels. */
import { Tag } from "antd";
import { useLang } from "../../i18n/text";
import { optionLabel, optionOf } from "../format";
import type { CellProps } from "../types";

export default function SelectCell({ field, value }: CellProps) {
  const { lang } = useLang();
  if (value == null || value === "") return null;
  const values = Array.isArray(value) ? value : [value];
  return (
    <span className="trellis-tags">
      {values.map((v) => {
        const color = optionOf(field, v)?.color;
        return <Tag key={String(v)} color={color === "default" ? undefined : color}>{optionLabel(field, v, lang)}</Tag>;
      })}
    </span>
  );
}
