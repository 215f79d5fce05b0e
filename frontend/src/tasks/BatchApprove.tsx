/** 批量同意: the selected pending tasks approved in one request after a confirm (with an optional
 * comment); then a modal lists each task's result (done, or the server's reason in the user's
 * language). */
import { CheckOutlined } from "@ant-design/icons";
import { App, Button, Input, List, Modal, Tag, Typography } from "antd";
import { useState } from "react";
import { errorText } from "../api/client";
import { textOf, useLang } from "../i18n/text";
import { taskApi } from "./api";
import { useTaskText } from "./i18n";
import type { BatchResult, InboxItem } from "./types";

interface Props {
  items: InboxItem[];
  selected: number[];
  onDone: () => void;
}

export default function BatchApprove({ items, selected, onDone }: Props) {
  const { t } = useTaskText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BatchResult[] | null>(null);
  const titleOf = new Map(items.map((i) => [i.id, i.title || `#${i.record ?? i.id}`]));

  const run = async () => {
    setBusy(true);
    try {
      const out = await taskApi.batch(selected, "approve", comment.trim() || undefined);
      setAsking(false);
      setComment("");
      setResults(out);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const ok = results?.filter((r) => r.ok).length ?? 0;
  return (
    <>
      <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} onClick={() => setAsking(true)} data-testid="batch-approve">
        {t("batch.approve")}{selected.length ? ` (${selected.length})` : ""}
      </Button>
      <Modal open={asking} title={t("batch.confirm", { count: selected.length })} okText={t("actions.approve")} cancelText={t("common.cancel")}
        confirmLoading={busy} onOk={() => void run()} onCancel={() => setAsking(false)} destroyOnHidden data-testid="batch-confirm">
        <Input.TextArea rows={3} value={comment} placeholder={t("batch.comment")} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      </Modal>
      <Modal open={results != null} title={t("batch.result")} footer={<Button type="primary" onClick={() => { setResults(null); onDone(); }}>{t("common.ok")}</Button>}
        onCancel={() => { setResults(null); onDone(); }} data-testid="batch-result">
        <Typography.Paragraph>{t("batch.summary", { ok, failed: (results?.length ?? 0) - ok })}</Typography.Paragraph>
        <List size="small" dataSource={results ?? []} renderItem={(r) => (
          <List.Item data-testid={`batch-result-${r.id}`}>
            <div style={{ minWidth: 0 }}>
              <div>{titleOf.get(r.id) ?? `#${r.id}`}</div>
              {!r.ok && r.error?.message && <Typography.Text type="danger" style={{ fontSize: 12 }}>{textOf(r.error.message, lang)}</Typography.Text>}
            </div>
            <Tag color={r.ok ? "success" : "error"}>{r.ok ? t("batch.ok") : t("batch.failed")}</Tag>
          </List.Item>
        )} />
      </Modal>
    </>
  );
}
