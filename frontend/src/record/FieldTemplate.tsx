/** How each field is laid out in the record form: label in the current language, help, errors.
 * A sub-table's errors are told under it without marking the whole item as failed (which would
 * outline every cell): its cells with problems are marked by the sub-table editor itself. */
import type { FieldTemplateProps } from "@rjsf/utils";
import { Form, Typography } from "antd";
import type { FieldDef } from "../api/types";
import { useLang } from "../i18n/text";

export default function FieldTemplate(props: FieldTemplateProps) {
  const { tx } = useLang();
  if (props.fieldPathId.path.length === 0) return props.children;
  if (props.hidden) return <div style={{ display: "none" }}>{props.children}</div>;
  const field = (props.uiSchema?.["ui:options"] as { fieldDef?: FieldDef } | undefined)?.fieldDef;
  const errors = [...new Set(props.rawErrors ?? [])];
  const table = field?.type === "sub_table";
  const help = !errors.length ? undefined
    : table ? <Typography.Text type="danger" className="trellis-field-error">{errors.join("; ")}</Typography.Text>
    : errors.join("; ");
  return (
    <Form.Item
      className="trellis-form-field"
      data-field={field?.id}
      label={field ? tx(field.label, field.id) : props.label}
      htmlFor={props.id}
      required={props.required}
      validateStatus={errors.length && !table ? "error" : undefined}
      help={help}
      extra={field?.help ? tx(field.help) : undefined}
      style={{ marginBottom: 16 }}
    >
      {props.children}
    </Form.Item>
  );
}
