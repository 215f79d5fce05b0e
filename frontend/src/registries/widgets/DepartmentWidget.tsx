/** A department, picked from the organization tree. */
import { TreeSelect } from "antd";
import { useDepartmentTree } from "../../hooks/useDepartmentTree";
import { useLang } from "../../i18n/text";
import { idOf } from "../entities";
import type { WidgetProps } from "../types";

export default function DepartmentWidget({ value, onChange, disabled, invalid, id }: WidgetProps) {
  const { lang } = useLang();
  const tree = useDepartmentTree();
  return (
    <TreeSelect
      id={id}
      key={lang}
      style={{ width: "100%" }}
      value={idOf(value) ?? undefined}
      treeData={tree ?? []}
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
