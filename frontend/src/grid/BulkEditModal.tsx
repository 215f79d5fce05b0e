/** Set one field to one value on many records (`POST records/bulk {update}`, one transaction). */
import { Form, Modal, Select, Spin } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { traitsOf } from "../api/fieldTypes";
import type { FormDef, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { widgetFor } from "../registries";
import type { WidgetContext } from "../registries/types";


interface Props {
  def: FormDef;
  ctx: WidgetContext;
  rows: RecordRow[];
  onClose: () => void;
  onDone: (updated: number) => void;
}

export default function BulkEditModal({ def, ctx, rows, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const report = useErrorReport();
  const fields = def.fields.filter((f) => !f.readonly && traitsOf(f.type).inline_editable);
  const [fieldId, setFieldId] = useState<string>();
  const [value, setValue] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const field = fields.find((f) => f.id === fieldId);
  const Widget = field ? widgetFor(field.type) : null;

  const submit = async () => {
    if (!field) return;
    setBusy(true);
    try {
      const update = rows.map((r) => ({ id: r.id, version: r.version, [field.id]: value ?? null }));
      const reply = await api.bulk(ctx.app, ctx.form, { update });
      onDone(reply.updated?.length ?? rows.length);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`${t("grid.bulkEdit")} · ${t("grid.selected", { n: rows.length })}`} onCancel={onClose}
      onOk={() => void submit()} okButtonProps={{ disabled: !field, loading: busy }}
      okText={t("common.save")} cancelText={t("common.cancel")} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t("grid.bulkField")}>
          <Select
            value={fieldId}
            showSearch={{ optionFilterProp: "label" }}
            options={fields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
            onChange={(v: string) => { setFieldId(v); setValue(undefined); }}
            data-testid="bulk-field"
          />
        </Form.Item>
        {field && Widget && (
          <Form.Item label={t("grid.bulkValue")}>
            <Suspense fallback={<Spin size="small" />}>
              <Widget key={field.id} field={field} value={value} onChange={setValue} ctx={ctx} />
            </Suspense>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
