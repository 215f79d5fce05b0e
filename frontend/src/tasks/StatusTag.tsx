/** A record's approval status as a tag: 审批中 / 已通过 / 已驳回 / 已撤回 / 已退回. */
import { Tag } from "antd";
import { useTaskText } from "./i18n";

export const STATUS_COLOR: Record<string, string> = {
  pending: "processing", approved: "success", rejected: "error", withdrawn: "default", returned: "warning",
};

export default function StatusTag({ status }: { status?: string | null }) {
  const { t } = useTaskText();
  if (!status) return null;
  return (
    <Tag color={STATUS_COLOR[status] ?? "default"} data-testid="approval-status" data-status={status}>
      {t(`status.${status}`, { defaultValue: t(`states.${status}`, { defaultValue: status }) })}
    </Tag>
  );
}
