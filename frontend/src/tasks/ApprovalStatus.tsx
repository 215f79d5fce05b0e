/** Beside a record's title: its approval status (when its form's flow keeps one) and, after a
 * rejection, a withdrawal or a return (or before any submit), the 提交审批 / 重新提交 button. */
import { SendOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { errorText } from "../api/client";
import type { FieldDef, RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import { statusOf, submitLabel } from "./approvalStatus";
import { taskApi } from "./api";
import { useTaskText } from "./i18n";
import { refreshPending } from "./pending";
import StatusTag from "./StatusTag";
import SubmitModal from "./SubmitModal";

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
  const [open, setOpen] = useState(false);
  const found = statusOf(fields, record);
  if (!found) return null;
  if (part === "tag") return <StatusTag status={found.status} />;
  const label = submitLabel(found.status);
  if (!label) return null;
  const submit = async (approvers: Record<string, number[]>) => {
    try {
      await taskApi.submit(app, form, record.id, approvers);
      message.success(t("done.submit"));
      setOpen(false);
      refreshPending();
      onSubmitted?.();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <>
      <Button icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="record-submit">{t(`actions.${label}`)}</Button>
      <SubmitModal app={app} form={form} id={record.id} open={open} onClose={() => setOpen(false)} onSubmit={submit} />
    </>
  );
}
