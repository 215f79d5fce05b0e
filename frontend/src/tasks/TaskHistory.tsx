/** A run's history as a timeline: who acted when, what they did (同意 / 驳回 / 退回 / 转交 ...), at
 * which step, their comment, attachments and the comments added while the task stayed open; a
 * task still waiting shows whom it waits for and its countdown. */
import { Empty, Space, Timeline, Typography } from "antd";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import FileLinks from "./FileLinks";
import { useTaskText } from "./i18n";
import SlaTag from "./SlaTag";
import StateTag from "./StateTag";
import type { TaskHistoryEntry } from "./types";

const COLOR: Record<string, string> = { approved: "green", auto: "green", handled: "green",
  rejected: "red", returned: "orange", pending: "blue", transferred: "purple" };

export default function TaskHistory({ items }: { items: TaskHistoryEntry[] }) {
  const { t } = useTaskText();
  const { tx } = useLang();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("task.noHistory")} />;
  return (
    <Timeline className="trellis-task-history" data-testid="task-history" items={items.map((h, i) => {
      const what = h.action ?? h.state ?? "";
      const who = h.by_name ?? h.assignee_name ?? "";
      const at = h.at ?? h.acted_at ?? h.created_at;
      return {
        key: h.task ?? h.id ?? i,
        color: COLOR[what] ?? "gray",
        children: (
          <div data-testid="task-history-item" data-state={what}>
            <Space size={6} wrap>
              <Typography.Text strong>{who}</Typography.Text>
              <StateTag state={what} />
              {(h.node_label || h.node) && <Typography.Text type="secondary">{tx(h.node_label, h.node ?? "")}</Typography.Text>}
              {what === "pending" && <SlaTag item={h} />}
            </Space>
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(at)}</Typography.Text></div>
            {h.comment && <div className="trellis-task-comment" data-testid="task-history-comment">{h.comment}</div>}
            <FileLinks files={h.attachments} />
            {(h.notes ?? []).map((n, k) => (
              <div key={k} style={{ marginTop: 6 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("states.comment")} · {formatDateTime(n.at)}</Typography.Text>
                {n.comment && <div className="trellis-task-comment">{n.comment}</div>}
                <FileLinks files={n.attachments} />
              </div>
            ))}
          </div>
        ),
      };
    })} />
  );
}
