/**
 * Create or edit a record with rjsf: schema from the server (visible fields), layout sections,
 * the registry's widgets, conditions re-evaluated on every change, client checks, and the
 * server's 422 errors shown on the fields they name (in the current language) — a sub-table's
 * on the cells they point at (cellErrors.ts). Enter in a field never submits the form (a date
 * picker or a search box takes its Enter; a half-filled record must not be saved by it): the
 * save button does, or Ctrl+Enter (⌘+Enter) anywhere in the form. Formula fields recompute as
 * the other fields change and lookups follow their relations (computed.ts, useLookups.ts).
 */
import Form from "@rjsf/antd";
import type { IChangeEvent } from "@rjsf/core";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { Alert, Form as AntForm } from "antd";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api/client";
import type { FormDef, JsonSchema, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { textOf, useLang } from "../i18n/text";
import { serverErrorSchema, stillValid, type PointedError } from "./cellErrors";
import { applyFormulas } from "./computed";
import { fieldStates } from "./conditions";
import FieldTemplate from "./FieldTemplate";
import { buildSchema, buildUiSchema, changes, createBody } from "./schemaBuild";
import SectionsTemplate from "./SectionsTemplate";
import { useLookups } from "./useLookups";
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

export default function RecordForm({ app, def, schema, record, initial, formId, onSaved, onBusy, onStale }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const report = useErrorReport();
  const [data, setData] = useState<Data>(() => applyFormulas(def, initial));
  const [serverErrors, setServerErrors] = useState<PointedError[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => { setData(applyFormulas(def, initial)); setServerErrors([]); setFailed(false); }, [initial, def]);
  useLookups(app, def, data, (fn) => setData((d) => applyFormulas(def, fn(d))));

  const states = useMemo(() => fieldStates(def, data), [def, data]);
  const rjsfSchema = useMemo(() => buildSchema(schema, def, states), [schema, def, states]);
  const uiSchema = useMemo(() => buildUiSchema(def, states, WidgetField) as UiSchema, [def, states]);
  const validator = useMemo(() => createValidator((key, params) => t(key, params ?? {})), [t]);
  const formContext: FormContext = useMemo(() => ({ ctx: { app, form: def.id } }), [app, def.id]);

  const shown = new Set(Object.keys(rjsfSchema.properties ?? {}));
  const extraErrors = useMemo(() => {
    const byId = new Map(def.fields.map((f) => [f.id, f]));
    const labels = {
      field: (id: string) => textOf(byId.get(id)?.label, lang, id),
      child: (id: string, child: string) => textOf(byId.get(id)?.fields?.find((c) => c.id === child)?.label, lang, child),
    };
    return serverErrorSchema(serverErrors, new Set(Object.keys(rjsfSchema.properties ?? {})), lang, labels,
      (key, params) => t(key, params ?? {}));
  }, [serverErrors, lang, rjsfSchema, def.fields, t]);
  const loose = serverErrors.filter((e) => !e.field || !shown.has(e.field));

  const onChange = (e: IChangeEvent) => {
    const next = (e.formData ?? {}) as Data;
    if (serverErrors.length) {
      const kept = stillValid(serverErrors, data, next);
      if (kept.length !== serverErrors.length) setServerErrors(kept);
    }
    setData(applyFormulas(def, next));
  };

  const saving = useRef(false);
  const submit = async (e: IChangeEvent) => {
    if (saving.current) return; // a second Ctrl+Enter or click while the first save runs
    saving.current = true;
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
      saving.current = false;
      onBusy?.(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit();
    } else if (e.target instanceof HTMLInputElement) {
      e.preventDefault(); // the browser's implicit submission
    }
  };

  return (
    <div onKeyDown={onKeyDown}>
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
    </div>
  );
}
