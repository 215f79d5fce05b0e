/** A task's countdown as a tag: 剩余 2 小时 (blue, orange when close), 已超时 3 小时 (red); the due
 * time in its tooltip. Nothing when the task has no due time. */
import { ClockCircleOutlined } from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { formatDateTime } from "../registries/format";
import { SLA_COLOR, slaKey, slaOf, type SlaSource } from "./countdown";
import { useTaskText } from "./i18n";

export default function SlaTag({ item, now }: { item: SlaSource; now?: number }) {
  const { t } = useTaskText();
  const sla = slaOf(item, now);
  const text = slaKey(sla);
  if (!text) return null;
  const tag = (
    <Tag color={SLA_COLOR[sla.status]} icon={<ClockCircleOutlined />} data-testid="task-sla"
      data-overdue={sla.status === "overdue" ? "true" : undefined} style={{ marginInlineEnd: 0 }}>
      {t(text.key, { count: text.count })}
    </Tag>
  );
  return item.due_at ? <Tooltip title={t("sla.due", { at: formatDateTime(item.due_at) })}>{tag}</Tooltip> : tag;
}
