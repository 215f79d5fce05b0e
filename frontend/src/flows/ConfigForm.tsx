/** A node's (or trigger's) settings as a form built from its type's `config_schema` (rjsf with
 * the app's validator; conditions, expressions, recipients and templates get their own
 * inputs). Edits go straight to the flow. */
import Form from "@rjsf/antd";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/text";
import { createValidator } from "../record/validator";
import { panelForm, withOptionPickers } from "./configSchema";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";
import SpecialField from "./SpecialField";
import type { JsonSchema } from "./types";
import { useFormFields } from "./useFormFields";

interface Props {
  schema: JsonSchema | undefined;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** the form's key (remounts it when another node opens) */
  id: string;
}

const FIELDS = { special: SpecialField };
/** rjsf adds nothing by itself: no empty items up to an array's minItems, no defaults of unset objects. */
const NO_DEFAULTS = { arrayMinItems: { populate: "never" as const }, emptyObjectFields: "skipDefaults" as const };

export default function ConfigForm({ schema, value, onChange, id }: Props) {
  const { t } = useFlowText();
  const { t: tMain } = useTranslation();
  const { tx } = useLang();
  const validator = useMemo(() => createValidator((key, params) => tMain(key, params ?? {})), [tMain]);
  const { app, targetForm } = usePanel();
  const target = useFormFields(app, targetForm);
  const optionFields = useMemo(() => new Set(target.filter((f) => f.options?.length).map((f) => f.id)), [target]);
  const form = useMemo(() => withOptionPickers(panelForm(schema, (text, key) => {
    if (typeof text === "string" && text) return text;
    if (text && typeof text === "object") return tx(text as { zh?: string; en?: string }, key);
    return key ? t(`keys.${key}`, { defaultValue: key }) : "";
  }, (v) => t(`enums.${String(v)}`, { defaultValue: String(v) })), optionFields), [schema, t, tx, optionFields]);
  if (!form.keys.length) return <Typography.Paragraph type="secondary">{t("panel.noConfig")}</Typography.Paragraph>;
  return (
    <div className="tfl-config" data-testid="flow-config-form">
      <Form key={id} schema={form.schema as RJSFSchema} uiSchema={form.uiSchema as UiSchema} formData={value}
        validator={validator} fields={FIELDS} experimental_defaultFormStateBehavior={NO_DEFAULTS} showErrorList={false} noHtml5Validate liveValidate={false}
        onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)} />
    </div>
  );
}
