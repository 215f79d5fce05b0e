/** A task's or a run's state as a coloured tag (待处理, 已同意, 已驳回, 审批中 ...). */
import { Tag } from "antd";
import { useTaskText } from "./i18n";

const COLOR: Record<string, string> = {
  pending: "processing", queued: "default", approved: "success", auto: "success", handled: "success", done: "success",
  rejected: "error", failed: "error", returned: "warning", withdrawn: "default", transferred: "purple", cancelled: "default",
  skipped: "default", cc: "cyan", read: "default", running: "processing", waiting: "processing",
};

export default function StateTag({ state }: { state?: string | null }) {
  const { t } = useTaskText();
  if (!state) return null;
  return <Tag color={COLOR[state] ?? "default"} data-testid="task-state">{t(`states.${state}`, { defaultValue: state })}</Tag>;
}
