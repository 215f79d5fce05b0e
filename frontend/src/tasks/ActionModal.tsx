/** The small modal of one action on a task: the comment (required to reject, return or comment),
 * the step to return to (an earlier node or 发起人), the person to transfer to, the signers to add
 * and where, attachments; the server's refusal is shown at the top or under the input it names. */
import { Alert, Form, Input, Modal, Radio, Select } from "antd";
import type { ButtonProps } from "antd";
import { useEffect, useState } from "react";
import type { FileMeta } from "../api/types";
import { useLang } from "../i18n/text";
import { DANGER_ACTIONS, needsOf } from "./actions";
import AttachmentsInput from "./AttachmentsInput";
import { useTaskText } from "./i18n";
import type { ActionBody, ReturnTarget, TaskAction } from "./types";
import UserPicker from "./UserPicker";

interface Props {
  action: TaskAction | null;
  returnable: ReturnTarget[];
  busy: boolean;
  /** problems from the server: at the top, and under the modal's inputs */
  top: string | null;
  inputs: Record<string, string>;
  onCancel: () => void;
  onSubmit: (body: ActionBody) => void;
}

export default function ActionModal({ action, returnable, busy, top, inputs, onCancel, onSubmit }: Props) {
  const { t } = useTaskText();
  const { tx } = useLang();
  const [comment, setComment] = useState("");
  const [to, setTo] = useState<string | number | undefined>();
  const [users, setUsers] = useState<number[]>([]);
  const [position, setPosition] = useState<"before" | "after">("after");
  const [files, setFiles] = useState<FileMeta[]>([]);
  const [missing, setMissing] = useState<Record<string, string>>({});
  useEffect(() => {
    setComment(""); setTo(undefined); setUsers([]); setPosition("after"); setFiles([]); setMissing({});
  }, [action]);
  if (!action) return null;
  const needs = needsOf(action);

  const submit = () => {
    const lack: Record<string, string> = {};
    if (needs.comment && !comment.trim()) lack.comment = t("modal.commentRequired");
    if ((needs.returnTo || needs.user) && (to == null || to === "")) lack.to = t(needs.user ? "modal.userRequired" : "modal.returnRequired");
    if (needs.signers && !users.length) lack.users = t("modal.signersRequired");
    setMissing(lack);
    if (Object.keys(lack).length) return;
    const body: ActionBody = { comment: comment.trim() || undefined };
    if (files.length) body.attachments = files;
    if (needs.returnTo || needs.user) body.to = to;
    if (needs.signers) { body.users = users; body.position = position; }
    onSubmit(body);
  };
  const problem = (k: string) => missing[k] ?? inputs[k];
  const status = (k: string) => (problem(k) ? "error" as const : undefined);

  return (
    <Modal open title={t(`actions.${action}`)} okText={t(`actions.${action}`)} cancelText={t("common.cancel")}
      okButtonProps={{ danger: DANGER_ACTIONS.has(action), "data-testid": "action-ok" } as ButtonProps}
      confirmLoading={busy} onOk={submit} onCancel={onCancel} destroyOnHidden data-testid={`action-modal-${action}`}>
      {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form layout="vertical" component="div">
        {needs.returnTo && (
          <Form.Item label={t("modal.returnTo")} required validateStatus={status("to")} help={problem("to")}>
            <Select value={to as string | undefined} onChange={setTo} data-testid="return-to"
              options={[{ value: "start", label: t("modal.returnStart") },
                ...returnable.filter((r) => r.node !== "start").map((r) => ({ value: r.node, label: tx(r.label, r.node) }))]} />
          </Form.Item>
        )}
        {needs.user && (
          <Form.Item label={t("modal.transferTo")} required validateStatus={status("to")} help={problem("to")}>
            <UserPicker value={to as number | undefined} onChange={(v) => setTo(v as number | undefined)} invalid={Boolean(problem("to"))}
              placeholder={t("record.searchUser")} testId="transfer-to" />
          </Form.Item>
        )}
        {needs.signers && (
          <>
            <Form.Item label={t("modal.signers")} required validateStatus={status("users")} help={problem("users")}>
              <UserPicker multiple value={users} onChange={(v) => setUsers((v as number[] | undefined) ?? [])} invalid={Boolean(problem("users"))}
                placeholder={t("record.searchUser")} testId="signer-users" />
            </Form.Item>
            <Form.Item label={t("modal.position")} validateStatus={status("position")} help={problem("position")}>
              <Radio.Group value={position} onChange={(e) => setPosition(e.target.value)}
                options={[{ value: "before", label: t("modal.before") }, { value: "after", label: t("modal.after") }]} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t("modal.comment")} required={needs.comment} validateStatus={status("comment")} help={problem("comment")}>
          <Input.TextArea rows={3} value={comment} maxLength={2000} placeholder={t("modal.commentPlaceholder")}
            onChange={(e) => setComment(e.target.value)} data-testid="action-comment" />
        </Form.Item>
        <Form.Item label={t("modal.attachments")} validateStatus={status("attachments")} help={problem("attachments")} style={{ marginBottom: 0 }}>
          <AttachmentsInput value={files} onChange={setFiles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
