/** A department, picked from the organization tree. */
import { TreeSelect } from "antd";
import { metaCache } from "../../api/cache";
import type { Department } from "../../api/types";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { idOf } from "../entities";
import type { WidgetProps } from "../types";

interface Node {
  value: number;
  title: string;
  children: Node[];
}

export default function DepartmentWidget({ value, onChange, disabled, invalid, id }: WidgetProps) {
  const { lang, tx } = useLang();
  const { data } = useAsync(() => metaCache.departments(), []);
  const toNode = (d: Department): Node => ({
    value: d.id,
    title: tx({ zh: d.name, en: d.name_en ?? undefined }),
    children: (d.children ?? []).map(toNode),
  });
  return (
    <TreeSelect
      id={id}
      key={lang}
      style={{ width: "100%" }}
      value={idOf(value) ?? undefined}
      treeData={(data ?? []).map(toNode)}
      treeDefaultExpandAll
      allowClear
      showSearch
      treeNodeFilterProp="title"
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(v: number | undefined) => onChange(v ?? undefined)}
    />
  );
}
