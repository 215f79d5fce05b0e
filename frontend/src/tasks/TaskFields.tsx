/** The record as the task's node shows it: editable fields as the field types' inputs (from the
 * registry), read-only ones as their cells, hidden ones not at all; a field's problem from the
 * server (or a required one left empty) is shown under it. */
import { Form, Spin, Typography } from "antd";
import { Suspense } from "react";
import { traitsOf } from "../api/fieldTypes";
import type { RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import { cellFor, widgetFor } from "../registries";
import { useTaskText } from "./i18n";
import type { ShownField } from "./taskFields";

interface Props {
  app: string;
  form: string;
  fields: ShownField[];
  record: RecordRow | null;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange: (id: string, value: unknown) => void;
}

export default function TaskFields({ app, form, fields, record, values, errors, onChange }: Props) {
  const { t } = useTaskText();
  const { tx } = useLang();
  if (!fields.length) return <Typography.Text type="secondary">{t("task.noFields")}</Typography.Text>;
  const ctx = { app, form };
  return (
    <Form layout="vertical" component="div" className="trellis-task-fields" data-testid="task-fields">
      <div className="trellis-section-grid" style={{ gridTemplateColumns: "repeat(2, minmax(0, 1fr))" }}>
        {fields.map(({ field, editable, required }) => {
          const Widget = widgetFor(field.type);
          const Cell = cellFor(field.type);
          const wide = traitsOf(field.type).wide;
          return (
            <Form.Item key={field.id} label={tx(field.label, field.id)} required={required} data-field={field.id}
              data-testid={`task-field-${field.id}`} data-editable={editable ? "true" : "false"}
              validateStatus={errors[field.id] ? "error" : undefined} help={errors[field.id]}
              style={{ gridColumn: wide ? "1 / -1" : undefined, marginBottom: 12 }}>
              {editable ? (
                <Suspense fallback={<Spin size="small" />}>
                  <Widget id={`task-${field.id}`} field={field} value={values[field.id]} ctx={ctx} invalid={Boolean(errors[field.id])}
                    onChange={(v) => onChange(field.id, v)} />
                </Suspense>
              ) : (
                <div className="trellis-task-readonly"><Cell field={field} value={record?.[field.id]} record={record ?? undefined} ctx={ctx} /></div>
              )}
            </Form.Item>
          );
        })}
      </div>
    </Form>
  );
}
