/** The rjsf field of the config keys rjsf cannot edit well (configSchema.ts marks them): a
 * condition, a map of value expressions, one expression, recipients, a template. */
import type { FieldProps } from "@rjsf/utils";
import { Form } from "antd";
import type { ReactNode } from "react";
import ConditionField from "./ConditionField";
import type { Special } from "./configSchema";
import ExpressionInput from "./ExpressionInput";
import FieldSelect from "./FieldSelect";
import { usePanel } from "./panelContext";
import RecipientPicker from "./RecipientPicker";
import type { Recipient } from "./recipients";
import TemplatePicker from "./TemplatePicker";
import ValuesMapInput from "./ValuesMapInput";

export default function SpecialField(props: FieldProps) {
  const { fields } = usePanel();
  const special = (props.uiSchema?.["ui:options"] as { special?: Special } | undefined)?.special;
  const set = (v: unknown) => props.onChange(v as never, props.fieldPathId.path);
  const title = String(props.schema.title ?? props.name);
  const help = typeof props.schema.description === "string" ? props.schema.description : undefined;
  const testId = `config-${props.name}`;
  if (special === "condition") {
    return <ConditionField value={props.formData} onChange={set} fields={fields} title={title} help={help} testId={testId} />;
  }
  let input: ReactNode;
  if (special === "values") {
    input = <ValuesMapInput value={props.formData as Record<string, unknown>} onChange={set} testId={testId} />;
  } else if (special === "recipients") {
    input = <RecipientPicker value={props.formData as Recipient[]} onChange={set} testId={testId} />;
  } else if (special === "field" || special === "fields") {
    input = <FieldSelect value={props.formData} onChange={set} multiple={special === "fields"} testId={testId} />;
  } else if (special === "template") {
    input = <TemplatePicker value={props.formData} onChange={set} testId={testId} />;
  } else {
    const wantsNumber = props.schema.type === "number" || props.schema.type === "integer";
    input = <ExpressionInput value={props.formData} onChange={set} wantsNumber={wantsNumber} testId={testId} />;
  }
  const errors = props.rawErrors ?? [];
  return (
    <Form.Item label={title} required={props.required} extra={help} layout="vertical"
      validateStatus={errors.length ? "error" : undefined} help={errors.length ? errors.join("; ") : undefined}>
      {input}
    </Form.Item>
  );
}
