/** A filter picked among the options the server listed (a select's values, or the users and
 * departments it offers): several at once, searchable by label. */
import { Select } from "antd";
import { useLang } from "../i18n/text";
import { listOf, type FilterInputProps } from "./filterInput";
import { useReportsText } from "./i18n";

export default function OptionsFilter({ filter, value, onChange, label }: FilterInputProps) {
  const { t } = useReportsText();
  const { tx } = useLang();
  return (
    <Select
      aria-label={label}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t("filters.all")}
      value={listOf(value)}
      options={(filter.options ?? []).map((o) => ({ value: o.value, label: tx(o.label, String(o.value)) }))}
      showSearch={{ optionFilterProp: "label" }}
      onChange={(v: (string | number)[]) => onChange(v)}
      className="trr-filter-select"
    />
  );
}
