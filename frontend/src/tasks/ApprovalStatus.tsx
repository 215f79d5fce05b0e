/** Beside a record's title: its approval status (when its form's flow keeps one) and, after a
 * rejection, a withdrawal or a return (or before any submit), the 提交审批 / 重新提交 button. */
import { SendOutlined } from "@ant-design/icons";
import { App, Button, Popconfirm } from "antd";
import { useState } from "react";
import { errorText } from "../api/client";
import type { FieldDef, RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import { statusOf, submitLabel } from "./approvalStatus";
import { taskApi } from "./api";
import { useTaskText } from "./i18n";
import { refreshPending } from "./pending";
import StatusTag from "./StatusTag";

interface Props {
  app: string;
  form: string;
  fields: FieldDef[];
  record: RecordRow;
  /** the button's place: "tag" renders the status only, "button" the submit button only */
  part: "tag" | "button";
  onSubmitted?: () => void;
}

export default function ApprovalStatus({ app, form, fields, record, part, onSubmitted }: Props) {
  const { t } = useTaskText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const found = statusOf(fields, record);
  if (!found) return null;
  if (part === "tag") return <StatusTag status={found.status} />;
  const label = submitLabel(found.status);
  if (!label) return null;
  const submit = async () => {
    setBusy(true);
    try {
      await taskApi.submit(app, form, record.id);
      message.success(t("done.submit"));
      refreshPending();
      onSubmitted?.();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t("modal.submitConfirm")} okText={t("common.ok")} cancelText={t("common.cancel")} onConfirm={() => void submit()}>
      <Button icon={<SendOutlined />} loading={busy} data-testid="record-submit">{t(`actions.${label}`)}</Button>
    </Popconfirm>
  );
}
