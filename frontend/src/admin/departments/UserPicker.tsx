/** Pick a person by typing part of their name or username (the server searches). */
import { Select } from "antd";
import { useEffect } from "react";
import { api } from "../../api/client";
import { useDebouncedSearch } from "../../hooks/useDebouncedSearch";

interface Props {
  value?: number | null;
  current?: { id: number; label: string } | null;
  placeholder: string;
  onChange: (id: number | null, label: string | null) => void;
  testId?: string;
  allowClear?: boolean;
}

export default function UserPicker({ value, current, placeholder, onChange, testId, allowClear = true }: Props) {
  const { items, loading, search } = useDebouncedSearch((q) => api.users(q, 20));
  useEffect(() => search(""), [search]);
  const options = items.map((u) => ({ value: u.id, label: u.title && u.title !== u.username ? `${u.title} (${u.username})` : u.username }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.label });
  return (
    <Select<number> showSearch={{ filterOption: false, onSearch: search }} allowClear={allowClear} loading={loading}
      value={value ?? undefined} placeholder={placeholder} options={options} style={{ width: "100%" }}
      data-testid={testId}
      onChange={(id) => onChange(id ?? null, options.find((o) => o.value === id)?.label ?? null)} />
  );
}
