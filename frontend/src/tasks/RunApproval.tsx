/** A record's approval (one run with people in it): its status, the step it stands at, whom it
 * waits for and until when (due time and countdown), the history of who acted when with which
 * comment, and, on demand, the flow drawn with the path taken. */
import { ApartmentOutlined } from "@ant-design/icons";
import { Button, Space, Typography } from "antd";
import { useState } from "react";
import type { Flow } from "../flows/types";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { useTaskText } from "./i18n";
import RunDiagram from "./RunDiagram";
import SlaTag from "./SlaTag";
import StatusTag from "./StatusTag";
import TaskHistory from "./TaskHistory";
import type { RecordApproval } from "./types";
import "./tasks.css";

export default function RunApproval({ app, approval, open }: { app: string; approval: RecordApproval; open?: boolean }) {
  const { t } = useTaskText();
  const { tx, lang } = useLang();
  const waiting = approval.history.filter((h) => h.state === "pending");
  // a live approval shows where it stands on the diagram at once (not on a phone: it is tall)
  const [diagram, setDiagram] = useState(() => open ?? (waiting.length > 0 && window.innerWidth > 600));
  const names = [...new Set(waiting.map((h) => h.assignee_name).filter(Boolean))].join(lang === "en" ? ", " : "、");
  const nodes = [...new Set(waiting.map((h) => tx(h.node_label, h.node ?? "")))].join(lang === "en" ? ", " : "、");
  const soonest = waiting.filter((h) => h.due_at || h.minutes_left != null)
    .sort((a, b) => (a.minutes_left ?? Infinity) - (b.minutes_left ?? Infinity))[0];
  return (
    <div className="trellis-run-approval" data-testid={`run-approval-${approval.run}`}>
      <Space wrap size={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{tx(approval.label, approval.flow)}</Typography.Text>
        <StatusTag status={approval.status ?? approval.state} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(approval.started_at)}</Typography.Text>
      </Space>
      {waiting.length > 0 && (
        <div className="trellis-run-approval-wait" data-testid="run-approval-waiting">
          <span><Typography.Text type="secondary">{t("run.waitingAt")}:</Typography.Text> {nodes}</span>
          <span><Typography.Text type="secondary">{t("run.waitingFor")}:</Typography.Text> <span data-testid="run-waiting-for">{names}</span></span>
          {(soonest?.due_at || approval.due_at) && (
            <span><Typography.Text type="secondary">{t("run.due")}:</Typography.Text> {formatDateTime(soonest?.due_at ?? approval.due_at)}</span>
          )}
          {soonest && <SlaTag item={soonest} />}
        </div>
      )}
      <TaskHistory items={approval.history} />
      {approval.definition != null && (
        <>
          <Button size="small" icon={<ApartmentOutlined />} onClick={() => setDiagram((d) => !d)} data-testid="run-diagram-toggle">
            {t("run.diagram")}
          </Button>
          {diagram && (
            <div style={{ marginTop: 8 }}>
              <RunDiagram app={app} definition={approval.definition as Flow} path={approval.path}
                waiting={waiting.map((h) => h.node ?? "").filter(Boolean)} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
