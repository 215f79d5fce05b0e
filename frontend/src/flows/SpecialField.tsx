/** The rjsf field of the config keys rjsf cannot edit well (configSchema.ts marks them): a
 * condition, a map of value expressions, one expression, recipients, a template. */
import type { FieldProps } from "@rjsf/utils";
import { Form } from "antd";
import type { ReactNode } from "react";
import ChoiceSelect from "./ChoiceSelect";
import ConditionField from "./ConditionField";
import type { Special } from "./configSchema";
import DurationInput, { type Duration } from "./DurationInput";
import ExpressionInput from "./ExpressionInput";
import FieldSelect from "./FieldSelect";
import FormSelect from "./FormSelect";
import OptionSelect from "./OptionSelect";
import { usePanel } from "./panelContext";
import RecipientPicker from "./RecipientPicker";
import type { Recipient } from "./recipients";
import TemplatePicker from "./TemplatePicker";
import { useFormFields } from "./useFormFields";
import ValuesMapInput from "./ValuesMapInput";

export default function SpecialField(props: FieldProps) {
  const { app, fields, targetForm, flow } = usePanel();
  const target = useFormFields(app, targetForm !== flow.form ? targetForm : null);
  const special = (props.uiSchema?.["ui:options"] as { special?: Special } | undefined)?.special;
  const set = (v: unknown) => props.onChange(v as never, props.fieldPathId.path);
  const title = String(props.schema.title ?? props.name);
  const help = typeof props.schema["x-help"] === "string" ? props.schema["x-help"] : undefined;
  const testId = `config-${props.name}`;
  if (special === "condition") {
    const over = props.name === "where" && targetForm !== flow.form ? target : fields;
    return <ConditionField value={props.formData} onChange={set} fields={over} title={title} help={help} testId={testId} />;
  }
  let input: ReactNode;
  if (special === "values" || special === "data") {
    input = <ValuesMapInput value={props.formData as Record<string, unknown>} onChange={set} testId={testId} freeKeys={special === "data"} />;
  } else if (special === "duration") {
    const unitSchema = (props.schema.properties as Record<string, { enum?: string[]; oneOf?: { const: string }[] }> | undefined)?.unit;
    const units = unitSchema?.enum ?? unitSchema?.oneOf?.map((o) => o.const) ?? [];
    input = <DurationInput value={props.formData as Duration | undefined} onChange={set} units={units} testId={testId} />;
  } else if (special === "choice") {
    input = <ChoiceSelect value={props.formData} onChange={set} choices={(props.schema["x-choices"] as unknown[]) ?? []} testId={testId} />;
  } else if (special === "option") {
    input = <OptionSelect fieldId={props.name} value={props.formData} onChange={set} testId={testId} />;
  } else if (special === "form") {
    input = <FormSelect value={props.formData} onChange={set} testId={testId} />;
  } else if (special === "recipients") {
    input = <RecipientPicker value={props.formData as Recipient[]} onChange={set} testId={testId} />;
  } else if (special === "assignee") {
    input = <RecipientPicker value={props.formData ? [props.formData as Recipient] : []} testId={testId} single
      kinds={["field", "user", "role"]} onChange={(list) => set(list[0])} />;
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
    <Form.Item className="tfl-special" label={title} required={props.required} extra={help} layout="vertical"
      validateStatus={errors.length ? "error" : undefined} help={errors.length ? errors.join("; ") : undefined}>
      {input}
    </Form.Item>
  );
}
