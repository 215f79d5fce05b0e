/** Send a test through one channel (to an address, or to the caller by default) and show the
 * delivery it made: its state, address, time taken and error. */
import { Alert, Button, Descriptions, Form, Input, Modal } from "antd";
import { useEffect, useState } from "react";
import { useErrorReport } from "../../hooks/useErrorReport";
import { notifyApi } from "../api";
import { refreshUnread } from "../unread";
import { useNotifyText } from "../i18n";
import type { ChannelInfo, ChannelType, Delivery } from "../types";
import StateTag from "./StateTag";

interface Props {
  app: string;
  channel: ChannelInfo | null;
  type?: ChannelType;
  onClose: () => void;
  onSent: () => void;
}

export default function TestSendModal({ app, channel, type, onClose, onSent }: Props) {
  const { t } = useNotifyText();
  const report = useErrorReport();
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Delivery | null>(null);
  useEffect(() => { setTo(""); setResult(null); }, [channel]);
  if (!channel) return null;

  const send = () => {
    setBusy(true);
    notifyApi.testChannel(app, channel.name, to.trim() || undefined).then((d) => {
      setResult(d);
      onSent();
      refreshUnread(); // a test to oneself lands in one's own message center
    }, report).finally(() => setBusy(false));
  };
  const addressLabel = type?.address ? t(`channels.address.${type.address}`, t("channels.testTo")) : t("channels.testTo");
  return (
    <Modal open onCancel={onClose} title={t("channels.testTitle", { name: channel.name })} destroyOnHidden
      footer={[<Button key="close" onClick={onClose}>{t("common.close")}</Button>,
        <Button key="send" type="primary" loading={busy} onClick={send} data-testid="test-send">{t("channels.testSend")}</Button>]}>
      <Form layout="vertical">
        <Form.Item label={addressLabel} extra={t("channels.testToHint")}>
          <Input value={to} onChange={(e) => setTo(e.target.value)} onPressEnter={send} data-testid="test-to" />
        </Form.Item>
      </Form>
      {result && (
        <div data-testid="test-result">
          <Descriptions size="small" column={1} bordered title={t("channels.testResult")}>
            <Descriptions.Item label={t("deliveries.state")}><StateTag state={result.state} /></Descriptions.Item>
            <Descriptions.Item label={t("deliveries.to")}>{result.to ?? result.recipient?.name ?? "—"}</Descriptions.Item>
            {result.latency_ms != null && (
              <Descriptions.Item label={t("deliveries.latency")}>{t("deliveries.ms", { n: result.latency_ms })}</Descriptions.Item>
            )}
          </Descriptions>
          {result.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={result.error} data-testid="test-error" />}
        </div>
      )}
    </Modal>
  );
}
