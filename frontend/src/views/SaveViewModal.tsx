/** Save the grid's filter, sort, columns and mode as a view (personal, or shared with everyone). */
import { Checkbox, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { Text, ViewDef } from "../api/types";
import type { GridState } from "../grid/gridState";
import { useErrorReport } from "../hooks/useErrorReport";

interface Props {
  app: string;
  form: string;
  state: GridState;
  /** the view being updated, or undefined for a new one */
  view?: ViewDef;
  onClose: () => void;
  onSaved: (view: ViewDef) => void;
}

export function newViewId(form: string): string {
  return `${form}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 41);
}

export function viewFromState(id: string, form: string, label: Text, shared: boolean, s: GridState): ViewDef {
  const view: ViewDef = { schema_version: 1, id, form, label, type: s.mode, columns: s.columns, sort: s.sort, shared };
  if (s.filter) view.filter = s.filter;
  if (s.mode === "kanban" && s.groupBy) view.group_by = s.groupBy;
  if (s.mode === "calendar" && s.dateField) view.date_field = s.dateField;
  return view;
}

export default function SaveViewModal({ app, form, state, view, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const report = useErrorReport();
  const [zh, setZh] = useState(view?.label.zh ?? "");
  const [en, setEn] = useState(view?.label.en ?? "");
  const [shared, setShared] = useState(view?.shared ?? false);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    try {
      const label: Text = en.trim() ? { zh: zh.trim(), en: en.trim() } : { zh: zh.trim() };
      const body = viewFromState(view?.id ?? newViewId(form), form, label, shared, state);
      onSaved((await api.saveView(app, body)) ?? body);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={view ? t("grid.updateView") : t("grid.saveView")} onCancel={onClose} onOk={() => void save()}
      okButtonProps={{ disabled: !zh.trim(), loading: busy }} okText={t("common.save")} cancelText={t("common.cancel")}>
      <Form layout="vertical">
        <Form.Item label={t("grid.viewName")} required>
          <Input value={zh} onChange={(e) => setZh(e.target.value)} maxLength={60} autoFocus data-testid="view-name" />
        </Form.Item>
        <Form.Item label={`${t("grid.viewName")} (English)`}>
          <Input value={en} onChange={(e) => setEn(e.target.value)} maxLength={60} />
        </Form.Item>
        <Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)}>{t("grid.viewShared")}</Checkbox>
      </Form>
    </Modal>
  );
}
