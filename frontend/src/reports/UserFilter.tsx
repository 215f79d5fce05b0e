/** A people filter without a list from the server: several users, found by server-side search;
 * chosen users keep their names (those read from a link show their id until found). */
import { Select, Spin } from "antd";
import { useDebouncedSearch } from "../hooks/useDebouncedSearch";
import { userOf } from "../registries/entities";
import { searchUsers } from "../registries/search";
import { listOf, type FilterInputProps } from "./filterInput";
import { useReportsText } from "./i18n";

export default function UserFilter({ value, onChange, label }: FilterInputProps) {
  const { t } = useReportsText();
  const found = useDebouncedSearch(searchUsers);
  const chosen = listOf(value);
  const options = [...found.items];
  for (const id of chosen) {
    if (options.some((o) => o.value === id)) continue;
    const user = typeof id === "number" ? userOf(id) : undefined;
    options.push({ value: id as number, label: user ? (user.title ? `${user.title} (${user.username})` : user.username) : `#${id}` });
  }
  return (
    <Select
      aria-label={label}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t("filters.searchUser")}
      value={chosen}
      options={options}
      showSearch={{ filterOption: false, onSearch: found.search }}
      onOpenChange={(open) => open && found.search("")}
      notFoundContent={found.loading ? <Spin size="small" /> : undefined}
      onChange={(v: (string | number)[]) => onChange(v)}
      className="trr-filter-select"
    />
  );
}
