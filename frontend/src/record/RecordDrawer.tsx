/** The record form in a drawer, for creating a record or editing one; on a phone it takes the whole
 * width (its footer with the save button stays in view). */
import { Alert, App, Button, Drawer, Space, Spin } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorText } from "../api/client";
import { metaCache } from "../api/cache";
import type { FormDef, RecordRow } from "../api/types";
import { remember } from "../grid/useRecordList";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { traitsOf } from "../api/fieldTypes";
import { useSession } from "../shell/SessionContext";
import { usePhone } from "../shell/usePhone";
import { defaultsFor, toFormData } from "./schemaBuild";

/** rjsf and its theme are loaded with the first form opened. */
const RecordForm = lazy(() => import("./RecordForm"));

interface Props {
  app: string;
  def: FormDef;
  id?: number;
  /** values a new record starts with (e.g. the relation to the record it is created from) */
  preset?: Record<string, unknown>;
  onClose: () => void;
  onSaved: (row: RecordRow) => void;
}

export default function RecordDrawer({ app, def, id, preset, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const phone = usePhone();
  const expand = def.fields.filter((f) => traitsOf(f.type).references).map((f) => f.id);
  const loaded = useAsync(async () => {
    const [schema, record] = await Promise.all([
      metaCache.schema(app, def.id, true),
      id ? api.get(app, def.id, id, expand) : Promise.resolve(undefined),
    ]);
    if (record) remember(def.fields, [record]);
    return { schema, record };
  }, [app, def.id, id]);
  const record = loaded.data?.record;
  const initial = useMemo(() => (record ? toFormData(def, record) : { ...defaultsFor(def, me?.id), ...preset }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [record, def, me?.id]);
  const formId = `record-form-${def.id}`;
  const title = id ? t("record.edit", { form: tx(def.label, def.id) }) : t("record.new", { form: tx(def.label, def.id) });

  return (
    <Drawer open title={title} size={phone ? "100%" : Math.min(880, window.innerWidth - 40)}
      className="trellis-record-drawer" onClose={onClose} destroyOnHidden
      footer={
        <Space style={{ justifyContent: "flex-end", width: "100%" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" htmlType="submit" form={formId} loading={busy} disabled={!loaded.data} data-testid="record-save">
            {t("common.save")}
          </Button>
        </Space>
      }>
      {loaded.error !== undefined && <Alert type="error" title={errorText(loaded.error, lang)} />}
      {!loaded.data && loaded.error === undefined && <Spin style={{ display: "block", margin: 48 }} />}
      {loaded.data && (
        <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
        <RecordForm app={app} def={def} schema={loaded.data.schema} record={record} initial={initial} formId={formId}
          onBusy={setBusy} onStale={loaded.reload}
          onSaved={(row) => { message.success(id ? t("record.updated") : t("record.created")); onSaved(row); }} />
        </Suspense>
      )}
    </Drawer>
  );
}
