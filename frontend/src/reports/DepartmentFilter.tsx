/** A department filter without a list from the server: several departments from the
 * organization tree. */
import { TreeSelect } from "antd";
import { metaCache } from "../api/cache";
import type { Department } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { listOf, type FilterInputProps } from "./filterInput";
import { useReportsText } from "./i18n";

interface Node {
  value: number;
  title: string;
  children: Node[];
}

export default function DepartmentFilter({ value, onChange, label }: FilterInputProps) {
  const { t } = useReportsText();
  const { tx } = useLang();
  const { data } = useAsync(() => metaCache.departments(), []);
  const toNode = (d: Department): Node => ({
    value: d.id,
    title: tx({ zh: d.name, en: d.name_en ?? undefined }),
    children: (d.children ?? []).map(toNode),
  });
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
      treeData={(data ?? []).map(toNode)}
      onChange={(v: (string | number)[]) => onChange(v)}
      className="trr-filter-select"
    />
  );
}
