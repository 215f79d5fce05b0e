/** The inbox as a table (desktop): title, flow and step, initiator, arrival time, countdown; rows
 * of the pending tab can be selected for a batch approval; a started run has withdraw / urge. */
import { Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { formatDateTime } from "../registries/format";
import { canBatchApprove } from "./actions";
import { useTaskText } from "./i18n";
import { itemTitle, useItemText } from "./itemText";
import type { TaskListProps } from "./itemText";
import RunButtons from "./RunButtons";
import SlaTag from "./SlaTag";
import StateTag from "./StateTag";
import StatusTag from "./StatusTag";
import type { InboxItem } from "./types";

export default function TaskTable({ tab, items, loading, selected, onSelect, onOpen, onChanged }: TaskListProps) {
  const { t } = useTaskText();
  const text = useItemText();
  const now = Date.now();
  const columns: TableColumnsType<InboxItem> = [
    { key: "title", title: t("columns.title"), render: (_, r) => (
      <span>
        {r.kind && tab !== "initiated" && <Tag>{text.kind(r)}</Tag>}
        <Typography.Link data-testid={`task-link-${r.id}`}>{itemTitle(r)}</Typography.Link>
      </span>
    ) },
    { key: "flow", title: t("columns.flow"), render: (_, r) => (
      <span>{text.flow(r)}{text.step(r) ? <Typography.Text type="secondary"> · {text.step(r)}</Typography.Text> : null}</span>
    ) },
  ];
  if (tab === "initiated") {
    columns.push(
      { key: "status", title: t("columns.status"), width: 110, render: (_, r) => <StatusTag status={r.status ?? r.state} /> },
      { key: "waiting", title: t("columns.waiting"), render: (_, r) => text.waiting(r) },
    );
  } else {
    columns.push({ key: "initiator", title: t("columns.initiator"), width: 140, render: (_, r) => r.initiator_name ?? "" });
  }
  columns.push(tab === "done"
    ? { key: "acted", title: t("columns.acted"), width: 150, render: (_, r) => formatDateTime(r.acted_at ?? r.created_at) }
    : { key: "created", title: t("columns.created"), width: 150, render: (_, r) => formatDateTime(r.created_at) });
  if (tab === "done") columns.push({ key: "state", title: t("columns.status"), width: 100, render: (_, r) => <StateTag state={r.state} /> });
  if (tab === "pending" || tab === "initiated" || tab === "cc") {
    columns.push({ key: "sla", title: t("columns.sla"), width: 140, render: (_, r) => <SlaTag item={r} now={now} /> });
  }
  if (tab === "initiated") {
    columns.push({ key: "actions", title: t("common.actions"), width: 150, render: (_, r) => <RunButtons item={r} onDone={onChanged} /> });
  }
  return (
    <Table<InboxItem>
      rowKey="id"
      size="middle"
      data-testid="task-table"
      loading={loading}
      dataSource={items}
      columns={columns}
      pagination={false}
      locale={{ emptyText: t(`empty.${tab}`) }}
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: "pointer" }, "data-testid": `task-row-${r.id}` } as HTMLAttributes<HTMLElement>)}
      rowSelection={tab === "pending" ? {
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(Number)),
        getCheckboxProps: (r) => ({ disabled: !canBatchApprove(r) }),
        columnWidth: 40,
      } : undefined}
    />
  );
}
