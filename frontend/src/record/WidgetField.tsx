/** The rjsf field of every form field: renders the field type's widget from the registry (a
 * sub-table also gets the problems of its cells, from the numbered keys of the error schema). */
import type { FieldProps } from "@rjsf/utils";
import { Spin } from "antd";
import { Suspense } from "react";
import type { FieldDef } from "../api/types";
import { widgetFor } from "../registries";
import type { WidgetContext } from "../registries/types";
import { cellErrorsOf } from "./cellErrors";

export interface FormContext {
  ctx: WidgetContext;
}

export default function WidgetField(props: FieldProps) {
  const options = (props.uiSchema?.["ui:options"] ?? {}) as { fieldDef?: FieldDef };
  const field = options.fieldDef ?? { id: props.name, type: "text" };
  const Widget = widgetFor(field.type);
  const context = props.registry.formContext as FormContext;
  return (
    <Suspense fallback={<Spin size="small" />}>
    <Widget
      id={props.fieldPathId.$id}
      field={field}
      value={props.formData}
      ctx={context.ctx}
      disabled={props.disabled || props.readonly}
      invalid={Boolean(props.rawErrors?.length)}
      cellErrors={field.type === "sub_table" ? cellErrorsOf(props.errorSchema) : undefined}
      onChange={(value) => props.onChange(value, props.fieldPathId.path)}
    />
    </Suspense>
  );
}
