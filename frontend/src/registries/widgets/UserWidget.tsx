/** A platform user, picked by server-side search (`GET /users?q=`). */
import { Select, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useDebouncedSearch } from "../../hooks/useDebouncedSearch";
import { idOf } from "../entities";
import { userLabel } from "../format";
import { searchUsers } from "../search";
import type { WidgetProps } from "../types";

export default function UserWidget({ value, onChange, disabled, invalid, id }: WidgetProps) {
  const { t } = useTranslation();
  const { items, loading, search } = useDebouncedSearch(searchUsers);
  const current = idOf(value);
  const options = [...items];
  if (current != null && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, label: userLabel(value) });
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
      placeholder={t("record.searchUser")}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(v: number | undefined) => onChange(v ?? undefined)}
    />
  );
}
