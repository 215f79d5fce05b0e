/** A record of the target form, picked by server-side search (`q`) and shown by its title field. */
import { Select, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useDebouncedSearch } from "../../hooks/useDebouncedSearch";
import { useLang } from "../../i18n/text";
import { idOf } from "../entities";
import { relationLabel } from "../format";
import { searchRecords } from "../search";
import type { WidgetProps } from "../types";

export default function RelationWidget({ field, value, onChange, disabled, invalid, ctx, id }: WidgetProps) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { items, loading, search } = useDebouncedSearch((q) => searchRecords(ctx.app, field, q, lang));
  const current = idOf(value);
  const options = [...items];
  if (current != null && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, label: relationLabel(field, value) });
  }
  return (
    <Select
      id={id}
      style={{ width: "100%" }}
      value={current ?? undefined}
      options={options}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && search("")}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      placeholder={t("record.searchRecord")}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(v: number | undefined) => onChange(v ?? undefined)}
    />
  );
}
