/** Submitting a record for approval (提交审批 / 重新提交): a confirmation, and for each step whose
 * approvers the initiator picks (自选审批人) a people picker that must not stay empty. */
import { Alert, Form, Modal, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { taskApi } from "./api";
import { missingPicks } from "./approvalStatus";
import { useTaskText } from "./i18n";
import type { SubmitChoice } from "./types";
import UserPicker from "./UserPicker";

interface Props {
  app: string;
  form: string;
  id: number;
  open: boolean;
  onClose: () => void;
  onSubmit: (approvers: Record<string, number[]>) => Promise<void>;
}

export default function SubmitModal({ app, form, id, open, onClose, onSubmit }: Props) {
  const { t } = useTaskText();
  const { tx, lang } = useLang();
  const [choices, setChoices] = useState<SubmitChoice[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [picks, setPicks] = useState<Record<string, number[]>>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setChoices(null); setFailed(null); setPicks({}); setTried(false);
    taskApi.submitChoices(app, form, id).then(setChoices, (err) => { setChoices([]); setFailed(errorText(err, lang)); });
  }, [open, app, form, id, lang]);
  const missing = choices ? missingPicks(choices, picks) : [];
  const ok = async () => {
    setTried(true);
    if (!choices || missing.length) return;
    setBusy(true);
    try {
      await onSubmit(picks);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t("actions.submit")} okText={t("common.ok")} cancelText={t("common.cancel")}
      onOk={() => void ok()} onCancel={onClose} confirmLoading={busy} okButtonProps={{ disabled: !choices }}
      destroyOnHidden data-testid="submit-modal">
      {choices === null ? <Spin /> : (
        <>
          <Typography.Paragraph>{t("modal.submitConfirm")}</Typography.Paragraph>
          {failed && <Alert type="warning" showIcon title={failed} style={{ marginBottom: 12 }} />}
          <Form layout="vertical">
            {choices.map((c) => {
              const bad = tried && missing.includes(c.node);
              return (
                <Form.Item key={c.node} label={t("modal.chooseApprovers", { step: tx(c.label, c.node) })} required
                  validateStatus={bad ? "error" : undefined} help={bad ? t("modal.userRequired") : undefined}>
                  <UserPicker multiple value={picks[c.node] ?? []} placeholder={t("modal.choose")} invalid={bad}
                    testId={`submit-pick-${c.node}`}
                    onChange={(v) => setPicks((p) => ({ ...p, [c.node]: Array.isArray(v) ? v : v === undefined ? [] : [v] }))} />
                </Form.Item>
              );
            })}
          </Form>
        </>
      )}
    </Modal>
  );
}
