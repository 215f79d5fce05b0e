/** One or several platform users, picked by server-side search (`GET /users?q=`, as the user
 * field's widget does). */
import { Select, Spin } from "antd";
import { useDebouncedSearch } from "../hooks/useDebouncedSearch";
import { searchUsers } from "../registries/search";

interface Props {
  multiple?: boolean;
  value?: number | number[];
  placeholder?: string;
  invalid?: boolean;
  onChange: (value: number | number[] | undefined) => void;
  testId?: string;
}

export default function UserPicker({ multiple, value, placeholder, invalid, onChange, testId }: Props) {
  const { items, loading, search } = useDebouncedSearch(searchUsers);
  return (
    <Select
      style={{ width: "100%" }}
      mode={multiple ? "multiple" : undefined}
      value={value}
      options={items}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && search("")}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      placeholder={placeholder}
      status={invalid ? "error" : undefined}
      onChange={(v: number | number[] | undefined) => onChange(v)}
      data-testid={testId}
    />
  );
}
