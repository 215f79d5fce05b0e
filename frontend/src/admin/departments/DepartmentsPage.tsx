/** The departments page (system administrators): the tree, dragged to move a department under
 * another (the server refuses a cycle, and the refusal is shown), creating, editing and deleting
 * departments, and the selected one's head and members beside it (below it on a phone). */
import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Space, Tree, Typography } from "antd";
import type { TreeProps } from "antd";
import { useMemo, useState } from "react";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { departmentsApi, type DepartmentRow } from "./api";
import DepartmentForm from "./DepartmentForm";
import DepartmentPanel from "./DepartmentPanel";
import "./departments.css";

function flatten(nodes: DepartmentRow[], out = new Map<number, DepartmentRow>()) {
  for (const n of nodes) {
    out.set(n.id, n);
    flatten(n.children, out);
  }
  return out;
}

export default function DepartmentsPage() {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const tree = useAsync(() => departmentsApi.tree(), []);
  const [selected, setSelected] = useState<number>();
  const [editing, setEditing] = useState<{ department: DepartmentRow | null; parent: DepartmentRow | null }>();
  const byId = useMemo(() => flatten(tree.data ?? []), [tree.data]);
  const label = (d: DepartmentRow) => tx({ zh: d.name, en: d.name_en ?? undefined });
  const toNode = (d: DepartmentRow): NonNullable<TreeProps["treeData"]>[number] => ({
    key: d.id, title: <span data-testid={`dept-node-${d.code}`}>{label(d)}</span>, children: d.children.map(toNode),
  });
  const current = selected !== undefined ? byId.get(selected) : undefined;

  const onDrop: TreeProps["onDrop"] = (info) => {
    const moving = byId.get(Number(info.dragNode.key));
    const target = byId.get(Number(info.node.key));
    if (!moving || !target) return;
    const parentId = info.dropToGap ? target.parent_id : target.id;
    if (parentId === moving.parent_id) return;
    const parent = parentId !== null ? byId.get(parentId) : undefined;
    departmentsApi.update(moving.id, { parent_id: parentId }).then(() => {
      message.success(parent ? t("departments.moved", { name: label(moving), parent: label(parent) })
        : t("departments.movedTop", { name: label(moving) }));
      tree.reload();
    }, (err: unknown) => message.error(errorText(err, lang)));
  };
  const remove = (d: DepartmentRow) => departmentsApi.remove(d.id).then(() => {
    message.success(t("departments.deleted", { name: label(d) }));
    setSelected(undefined);
    tree.reload();
  }, (err: unknown) => message.error({ content: errorText(err, lang), duration: 6 }));

  return (
    <div data-testid="departments-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t("departments.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("departments.intro")}</Typography.Paragraph>
      <div className="trellis-dept-layout">
        <Card size="small" className="trellis-dept-tree" title={<Space wrap>
          <Button size="small" type="primary" icon={<PlusOutlined />} data-testid="dept-new"
            onClick={() => setEditing({ department: null, parent: current ?? null })}>
            {current ? t("departments.createUnder") : t("departments.create")}
          </Button>
          {current && <Button size="small" onClick={() => setEditing({ department: null, parent: null })}>{t("departments.create")}</Button>}
        </Space>}>
          {tree.error !== undefined && <Typography.Text type="danger">{errorText(tree.error, lang)}</Typography.Text>}
          {tree.data && (
            <Tree draggable={{ icon: false }} blockNode defaultExpandAll treeData={tree.data.map(toNode)} onDrop={onDrop}
              selectedKeys={selected !== undefined ? [selected] : []} data-testid="dept-tree"
              onSelect={(keys) => setSelected(keys.length ? Number(keys[0]) : undefined)} />
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
            {t("departments.dragHint")}
          </Typography.Paragraph>
        </Card>
        <div className="trellis-dept-detail">
          {current
            ? <DepartmentPanel key={current.id} department={current} onChanged={tree.reload}
                onEdit={() => setEditing({ department: current, parent: null })} onDelete={() => void remove(current)} />
            : <Card><Empty description={t("departments.pick")} /></Card>}
        </div>
      </div>
      {editing && (
        <DepartmentForm department={editing.department} parent={editing.parent} onClose={() => setEditing(undefined)}
          onSaved={(d) => {
            setEditing(undefined);
            message.success(t("departments.saved"));
            setSelected(d.id);
            tree.reload();
          }} />
      )}
    </div>
  );
}
