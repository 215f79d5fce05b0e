/** A department filter without a list from the server: several departments from the
 * organization tree. */
import { TreeSelect } from "antd";
import { useDepartmentTree } from "../hooks/useDepartmentTree";
import { listOf, type FilterInputProps } from "./filterInput";
import { useReportsText } from "./i18n";

export default function DepartmentFilter({ value, onChange, label }: FilterInputProps) {
  const { t } = useReportsText();
  const tree = useDepartmentTree();
  return (
    <TreeSelect
      aria-label={label}
      multiple
      allowClear
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      maxTagCount="responsive"
      placeholder={t("filters.all")}
      value={listOf(value)}
      treeData={tree ?? []}
      onChange={(v: (string | number)[]) => onChange(v)}
      className="trr-filter-select"
    />
  );
}
