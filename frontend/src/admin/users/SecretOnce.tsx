/** A secret shown once (an initial password, a new password, an API token's plaintext): the
 * text in a box with a copy button, and a button that closes it for good. */
import { Alert, Button, Modal, Typography } from "antd";
import type { ReactNode } from "react";

interface Props {
  open: boolean;
  title: string;
  intro: ReactNode;
  secret: string;
  hint?: string;
  done: string;
  copy: string;
  copied: string;
  onClose: () => void;
}

export default function SecretOnce({ open, title, intro, secret, hint, done, copy, copied, onClose }: Props) {
  return (
    <Modal open={open} title={title} onCancel={onClose} maskClosable={false} destroyOnHidden
      footer={<Button type="primary" onClick={onClose} data-testid="secret-done">{done}</Button>}>
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Typography.Paragraph className="trellis-secret" data-testid="secret-value"
        copyable={{ text: secret, tooltips: [copy, copied] }}
        style={{ fontFamily: "monospace", fontSize: 16, background: "#f5f5f5", padding: "8px 12px", borderRadius: 6,
          wordBreak: "break-all" }}>
        {secret}
      </Typography.Paragraph>
      {hint && <Alert type="info" showIcon title={hint} />}
    </Modal>
  );
}
