/** One id picked from server-side search results (the relation and user widgets): the current
 * value stays shown by its label even when it is not among the results. */
import { Select, Spin } from "antd";
import type { ReactNode } from "react";

interface Props {
  id?: string;
  current: number | null | undefined;
  currentLabel: ReactNode;
  /** what useDebouncedSearch answers */
  found: { items: { value: number; label: ReactNode }[]; loading: boolean; search: (q: string) => void };
  placeholder: string;
  disabled?: boolean;
  invalid?: boolean;
  onChange: (value: number | undefined) => void;
}

export default function SearchSelect({ id, current, currentLabel, found, placeholder, disabled, invalid, onChange }: Props) {
  const { items, loading, search } = found;
  const options = [...items];
  if (current != null && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, label: currentLabel });
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
      placeholder={placeholder}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(v: number | undefined) => onChange(v ?? undefined)}
    />
  );
}
