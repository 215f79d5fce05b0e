/** Single and multiple choice from the field's options (labels in the current language). */
import { Select, Tag } from "antd";
import { useLang } from "../../i18n/text";
import type { WidgetProps } from "../types";

export default function SelectWidget({ field, value, onChange, disabled, invalid, id }: WidgetProps) {
  const { tx } = useLang();
  const multiple = field.type === "multi_select";
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: tx(o.label, o.value), color: o.color }));
  const colorOf = (v: unknown) => options.find((o) => o.value === v)?.color;
  return (
    <Select
      id={id}
      style={{ width: "100%" }}
      mode={multiple ? "multiple" : undefined}
      value={multiple ? (Array.isArray(value) ? value : []) : (value ?? undefined)}
      options={options}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      maxCount={multiple ? field.max_items : undefined}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      placeholder={tx(field.placeholder)}
      tagRender={multiple ? (p) => (
        <Tag color={colorOf(p.value)} closable={p.closable} onClose={p.onClose} style={{ marginInlineEnd: 4 }}>{p.label}</Tag>
      ) : undefined}
      onChange={(v: unknown) => onChange(Array.isArray(v) ? (v.length ? v : undefined) : v ?? undefined)}
    />
  );
}
