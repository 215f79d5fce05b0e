/** Actions on the selected rows: bulk edit (one field to one value), bulk delete, in one request each, and
 * starting a manual flow on them. */
import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { Alert, App, Button, Space } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { FormDef, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import type { WidgetContext } from "../registries/types";
import BulkEditModal from "./BulkEditModal";

const RunFlowButton = lazy(() => import("../flows/RunFlowButton"));

interface Props {
  def: FormDef;
  ctx: WidgetContext;
  selected: RecordRow[];
  onClear: () => void;
  onDone: () => void;
}

export default function BulkBar({ def, ctx, selected, onClear, onDone }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const [editing, setEditing] = useState(false);
  if (!selected.length) return null;

  const remove = () => modal.confirm({
    title: t("grid.bulkDeleteConfirm", { n: selected.length }),
    okType: "danger",
    okText: t("common.delete"),
    cancelText: t("common.cancel"),
    onOk: async () => {
      try {
        const reply = await api.bulk(ctx.app, ctx.form, { delete: selected.map((r) => r.id) });
        message.success(t("grid.bulkDeleted", { n: reply.deleted?.length ?? selected.length }));
        onClear();
        onDone();
      } catch (err) {
        report(err, onDone);
      }
    },
  });

  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        title={
          <Space wrap>
            <span>{t("grid.selected", { n: selected.length })}</span>
            {def.actions.includes("update") && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>{t("grid.bulkEdit")}</Button>
            )}
            {def.actions.includes("delete") && (
              <Button size="small" danger icon={<DeleteOutlined />} onClick={remove}>{t("grid.bulkDelete")}</Button>
            )}
            <Suspense fallback={null}>
              <RunFlowButton app={ctx.app} form={ctx.form} records={selected.map((r) => r.id)} size="small" onStarted={onDone} />
            </Suspense>
            <Button size="small" type="link" onClick={onClear}>{t("common.clear")}</Button>
          </Space>
        }
      />
      {editing && (
        <BulkEditModal def={def} ctx={ctx} rows={selected} onClose={() => setEditing(false)}
          onDone={(n) => { message.success(t("grid.bulkDone", { n })); setEditing(false); onClear(); onDone(); }} />
      )}
    </>
  );
}
