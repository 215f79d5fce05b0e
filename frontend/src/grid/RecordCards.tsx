/** The records as a list of cards, for a phone: each card shows the record's title and two key
 * fields (cardFields.ts), and the actions the user may take (open, edit, delete); in the recycle
 * bin, when it was deleted and a restore button. The list loads on as it is scrolled. */
import { DeleteOutlined, EditOutlined, ExpandAltOutlined, UndoOutlined } from "@ant-design/icons";
import { App, Button, Empty, Spin } from "antd";
import { Link } from "react-router-dom";
import { api } from "../api/client";
import type { FormDef, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { cellFor } from "../registries";
import { formatDateTime } from "../registries/format";
import type { WidgetContext } from "../registries/types";
import { usePhoneText } from "../shell/phoneText";
import LoadMoreFooter from "./LoadMoreFooter";
import type { RecordList } from "./useRecordList";

interface Props {
  def: FormDef;
  list: RecordList;
  /** the fields shown under the title (cardFields.ts) */
  fields: string[];
  ctx: WidgetContext;
  onEdit: (row: RecordRow) => void;
  /** the recycle bin: rows are deleted records, each with a restore button */
  trash?: { onRestore: (row: RecordRow) => void; restoring: number | null };
}

export default function RecordCards({ def, list, fields, ctx, onEdit, trash }: Props) {
  const { t } = usePhoneText();
  const { tx } = useLang();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const shown = fields.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const canEdit = def.actions.includes("update") && !trash;
  const canDelete = def.actions.includes("delete") && !trash;
  const titleOf = (row: RecordRow) => String((def.title_field && row[def.title_field]) || `#${row.id}`);
  const pathOf = (row: RecordRow) => `/apps/${ctx.app}/forms/${ctx.form}/records/${row.id}`;

  const remove = (row: RecordRow) => modal.confirm({
    title: t("cards.deleteConfirm", { name: titleOf(row) }), okType: "danger", okText: t("common.delete"),
    cancelText: t("common.cancel"),
    onOk: async () => {
      try {
        await api.remove(ctx.app, ctx.form, row.id, row.version);
        message.success(t("cards.deleted", { name: titleOf(row) }));
      } catch (err) {
        report(err);
      } finally {
        list.reload();
      }
    },
  });

  if (!list.items.length) {
    return list.loading ? <Spin style={{ display: "block", margin: 48 }} />
      : <Empty description={trash ? t("grid.binEmpty") : t("cards.empty")} data-testid="record-cards-empty" />;
  }
  return (
    <div className="trellis-record-cards" data-testid="record-cards">
      {list.items.map((row) => (
        <div key={row.id} className="trellis-record-card" data-testid="record-card" data-record={row.id}>
          {trash
            ? <div className="trellis-record-card-title">{titleOf(row)}</div>
            : <Link to={pathOf(row)} className="trellis-record-card-title">{titleOf(row)}</Link>}
          {shown.map((f) => {
            const Cell = cellFor(f.type);
            const value = row[f.id];
            return (
              <div key={f.id} className="trellis-record-card-line" data-col={f.id}>
                <span className="trellis-record-card-label">{tx(f.label, f.id)}</span>
                <span className="trellis-record-card-value">
                  {value == null || value === "" ? "—" : <Cell field={f} value={value} record={row} ctx={ctx} />}
                </span>
              </div>
            );
          })}
          {trash && (
            <div className="trellis-record-card-line">
              <span className="trellis-record-card-label">{t("grid.deletedAt")}</span>
              <span className="trellis-record-card-value">{formatDateTime(row.deleted_at)}</span>
            </div>
          )}
          <div className="trellis-record-card-actions">
            {trash ? (
              <Button size="small" icon={<UndoOutlined />} loading={trash.restoring === row.id}
                onClick={() => trash.onRestore(row)} data-testid={`restore-${row.id}`}>{t("grid.restore")}</Button>
            ) : (
              <>
                <Link to={pathOf(row)}><Button size="small" icon={<ExpandAltOutlined />}>{t("cards.open")}</Button></Link>
                {canEdit && <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(row)}>{t("cards.edit")}</Button>}
                {canDelete && <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(row)}>{t("cards.delete")}</Button>}
              </>
            )}
          </div>
        </div>
      ))}
      <LoadMoreFooter list={list} />
    </div>
  );
}
