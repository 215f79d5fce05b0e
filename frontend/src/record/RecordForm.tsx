/**
 * Create or edit a record with rjsf: schema from the server (visible fields), layout sections,
 * the registry's widgets, conditions re-evaluated on every change, client checks, and the
 * server's 422 errors shown on the fields they name (in the current language).
 */
import Form from "@rjsf/antd";
import type { IChangeEvent } from "@rjsf/core";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import { Alert, Form as AntForm } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api/client";
import type { FieldError, FormDef, JsonSchema, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { textOf, useLang } from "../i18n/text";
import { fieldStates } from "./conditions";
import FieldTemplate from "./FieldTemplate";
import { buildSchema, buildUiSchema, changes, createBody } from "./schemaBuild";
import SectionsTemplate from "./SectionsTemplate";
import { createValidator } from "./validator";
import WidgetField, { type FormContext } from "./WidgetField";

interface Props {
  app: string;
  def: FormDef;
  schema: JsonSchema;
  /** the record being edited (with its version), or undefined to create */
  record?: RecordRow;
  initial: Record<string, unknown>;
  formId: string;
  onSaved: (row: RecordRow) => void;
  onBusy?: (busy: boolean) => void;
  onStale?: () => void;
}

type Data = Record<string, unknown>;

/** "手机号:值已被使用" under the 手机号 field reads better as "值已被使用". */
function withoutLabel(message: string, label?: string): string {
  if (!label) return message;
  for (const sep of [":", "：", ": "]) {
    if (message.startsWith(label + sep)) return message.slice(label.length + sep.length).trim() || message;
  }
  return message;
}

export default function RecordForm({ app, def, schema, record, initial, formId, onSaved, onBusy, onStale }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const report = useErrorReport();
  const [data, setData] = useState<Data>(initial);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => { setData(initial); setServerErrors([]); setFailed(false); }, [initial]);

  const states = useMemo(() => fieldStates(def, data), [def, data]);
  const rjsfSchema = useMemo(() => buildSchema(schema, def, states), [schema, def, states]);
  const uiSchema = useMemo(() => buildUiSchema(def, states, WidgetField) as UiSchema, [def, states]);
  const validator = useMemo(() => createValidator((key, params) => t(key, params ?? {})), [t]);
  const formContext: FormContext = useMemo(() => ({ ctx: { app, form: def.id } }), [app, def.id]);

  const shown = new Set(Object.keys(rjsfSchema.properties ?? {}));
  const labels = new Map(def.fields.map((f) => [f.id, textOf(f.label, lang, f.id)]));
  const extraErrors = useMemo(() => {
    const out: Record<string, { __errors: string[] }> = {};
    for (const e of serverErrors) {
      if (!e.field || !shown.has(e.field)) continue;
      const msg = (e.row ? `#${e.row} ` : "") + withoutLabel(textOf(e.message, lang), labels.get(e.field));
      out[e.field] = { __errors: [...(out[e.field]?.__errors ?? []), msg] };
    }
    return out as ErrorSchema;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverErrors, lang, rjsfSchema]);
  const loose = serverErrors.filter((e) => !e.field || !shown.has(e.field));

  const onChange = (e: IChangeEvent) => {
    const next = (e.formData ?? {}) as Data;
    const touched = Object.keys({ ...data, ...next }).filter((k) => JSON.stringify(data[k]) !== JSON.stringify(next[k]));
    if (touched.length && serverErrors.length) setServerErrors((errs) => errs.filter((x) => !x.field || !touched.includes(x.field)));
    setData(next);
  };

  const submit = async (e: IChangeEvent) => {
    const values = (e.formData ?? {}) as Data;
    setFailed(false);
    onBusy?.(true);
    try {
      if (record) {
        const body = changes(def, initial, values);
        onSaved(Object.keys(body).length ? await api.update(app, def.id, record.id, record.version, body) : record);
      } else {
        onSaved(await api.create(app, def.id, createBody(def, values)));
      }
      setServerErrors([]);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.errors.length) {
        setServerErrors(err.errors);
        setFailed(true);
        const first = err.errors.find((x) => x.field)?.field;
        if (first) document.querySelector(`[data-field="${first}"]`)?.scrollIntoView({ behavior: "smooth", block: "center" });
      } else {
        report(err, onStale);
      }
    } finally {
      onBusy?.(false);
    }
  };

  return (
    <AntForm layout="vertical" component={false}>
      {(failed || loose.length > 0) && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("record.fixErrors")}
          description={loose.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {loose.map((x, i) => <li key={i}>{textOf(x.message, lang)}</li>)}</ul> : undefined} />
      )}
      <Form
        id={formId}
        schema={rjsfSchema as RJSFSchema}
        uiSchema={uiSchema}
        formData={data}
        formContext={formContext}
        validator={validator}
        templates={{ FieldTemplate, ObjectFieldTemplate: SectionsTemplate }}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        liveValidate={failed ? "onChange" : undefined}
        onChange={onChange}
        onError={() => setFailed(true)}
        onSubmit={(e) => void submit(e)}
      >
        <></>
      </Form>
    </AntForm>
  );
}
