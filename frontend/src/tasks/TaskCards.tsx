/** The inbox as cards (a phone): title and countdown, flow · step, initiator and arrival time; a
 * checkbox for the batch approval on the pending tab; a started run's status, who it waits for
 * and its withdraw / urge buttons. */
import { Checkbox, Empty, Spin, Tag, Typography } from "antd";
import { formatDateTime } from "../registries/format";
import { canBatchApprove } from "./actions";
import { useTaskText } from "./i18n";
import { itemTitle, useItemText } from "./itemText";
import type { TaskListProps } from "./itemText";
import RunButtons from "./RunButtons";
import SlaTag from "./SlaTag";
import StateTag from "./StateTag";
import StatusTag from "./StatusTag";

export default function TaskCards({ tab, items, loading, selected, onSelect, onOpen, onChanged }: TaskListProps) {
  const { t } = useTaskText();
  const text = useItemText();
  const now = Date.now();
  if (loading && !items.length) return <Spin style={{ display: "block", margin: 32 }} />;
  if (!items.length) return <Empty description={t(`empty.${tab}`)} />;
  const toggle = (id: number, on: boolean) => onSelect(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <div className="trellis-task-cards" data-testid="task-cards">
      {items.map((r) => (
        <div key={r.id} className="trellis-task-card" data-testid={`task-card-${r.id}`} onClick={() => onOpen(r)}>
          <div className="trellis-task-card-head">
            {tab === "pending" && (
              <span onClick={(e) => e.stopPropagation()}>
                <Checkbox checked={selected.includes(r.id)} disabled={!canBatchApprove(r)} aria-label={itemTitle(r)}
                  onChange={(e) => toggle(r.id, e.target.checked)} data-testid={`task-check-${r.id}`} />
              </span>
            )}
            <Typography.Text strong ellipsis className="trellis-task-card-title">{itemTitle(r)}</Typography.Text>
            {tab === "initiated" ? <StatusTag status={r.status ?? r.state} /> : tab === "done" ? <StateTag state={r.state} /> : <SlaTag item={r} now={now} />}
          </div>
          <div className="trellis-task-card-line">
            {r.kind && tab !== "initiated" && <Tag style={{ marginInlineEnd: 6 }}>{text.kind(r)}</Tag>}
            {text.flow(r)}{text.step(r) ? ` · ${text.step(r)}` : ""}
          </div>
          <div className="trellis-task-card-line secondary">
            {tab === "initiated"
              ? (r.waiting_for?.length ? t("waitingFor", { names: text.waiting(r) }) : "")
              : r.initiator_name ? t("by", { name: r.initiator_name }) : ""}
            <span className="trellis-task-card-time">{formatDateTime(tab === "done" ? r.acted_at ?? r.created_at : r.created_at)}</span>
          </div>
          {tab === "initiated" && (
            <div className="trellis-task-card-foot">
              <SlaTag item={r} now={now} />
              <div style={{ flex: 1 }} />
              <RunButtons item={r} onDone={onChanged} />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
