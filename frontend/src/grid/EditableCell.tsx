/** A grid cell edited in place (double-click): the field's widget, Enter or ✓ saves with the
 * record's version (PATCH), Esc or ✕ cancels; a stale version is reported with a reload. */
import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { Button, Space, Spin } from "antd";
import { Suspense, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { traitsOf } from "../api/fieldTypes";
import type { FieldDef, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { cellFor, widgetFor } from "../registries";
import { idOf } from "../registries/entities";
import type { WidgetContext } from "../registries/types";

interface Props {
  field: FieldDef;
  record: RecordRow;
  ctx: WidgetContext;
  editable: boolean;
  expand: string[];
  onSaved: (row: RecordRow) => void;
}

/** Whether the field's input takes Enter as "done": one-line text and number inputs (selects,
 * pickers and multi-line inputs use Enter themselves). */
function enterSaves(field: FieldDef): boolean {
  const t = traitsOf(field.type);
  return (t.sql_kind === "text" || t.sql_kind === "number") && !t.references && !t.wide
    && (t.export === "as_is" || t.export === "percent");
}

const rawValue = (field: FieldDef, value: unknown) => (traitsOf(field.type).references ? idOf(value) : value);

export default function EditableCell({ field, record, ctx, editable, expand, onSaved }: Props) {
  const { t } = useTranslation();
  const report = useErrorReport();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const Cell = cellFor(field.type);

  const reload = async () => onSaved(await api.get(ctx.app, ctx.form, record.id, expand));
  const save = async () => {
    setBusy(true);
    try {
      await api.update(ctx.app, ctx.form, record.id, record.version, { [field.id]: draft ?? null });
      onSaved(await api.get(ctx.app, ctx.form, record.id, expand));
      setEditing(false);
    } catch (err) {
      report(err, () => { void reload(); setEditing(false); });
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") setEditing(false);
    if (e.key === "Enter" && enterSaves(field)) void save();
  };

  if (!editing) {
    if (!editable) return <Cell field={field} value={record[field.id]} record={record} ctx={ctx} />;
    return (
      <div className="trellis-editable" title={t("grid.editCell")} data-field={field.id}
        onDoubleClick={() => { setDraft(rawValue(field, record[field.id])); setEditing(true); }}>
        <Cell field={field} value={record[field.id]} record={record} ctx={ctx} />
      </div>
    );
  }
  const Widget = widgetFor(field.type);
  return (
    <div onKeyDown={onKey} style={{ minWidth: 180 }} onClick={(e) => e.stopPropagation()}>
      <Space.Compact style={{ width: "100%" }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Suspense fallback={<Spin size="small" />}>
            <Widget field={field} value={draft} onChange={setDraft} compact ctx={ctx} />
          </Suspense>
        </div>
        <Button icon={<CheckOutlined />} type="primary" loading={busy} onClick={() => void save()} aria-label={t("common.save")} />
        <Button icon={<CloseOutlined />} onClick={() => setEditing(false)} aria-label={t("common.cancel")} />
      </Space.Compact>
    </div>
  );
}
