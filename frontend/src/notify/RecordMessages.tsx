/** The messages sent about a record (its 360 timeline's notifications), newest first: when,
 * on which channel, to whom, the subject, the delivery's state and why it was held, skipped or
 * fell back. Whoever may read the record sees this; the server leaves addresses and texts to
 * administrators. */
import { Empty, Spin, Tag, Timeline, Typography } from "antd";
import { useAsync } from "../hooks/useAsync";
import { formatDateTime } from "../registries/format";
import { notifyApi } from "./api";
import StateTag from "./admin/StateTag";
import { URGENCY_COLOR } from "./format";
import { useNotifyText } from "./i18n";
import "./notify.css";

export default function RecordMessages({ app, form, id }: { app: string; form: string; id: number }) {
  const { t } = useNotifyText();
  const { data, loading } = useAsync(() => notifyApi.recordMessages(app, form, id), [app, form, id]);
  if (loading && !data) return <Spin />;
  if (!data?.length) return <Empty description={t("record.empty")} />;
  return (
    <Timeline data-testid="record-messages" items={data.map((d) => ({
      key: d.id,
      color: d.state === "failed" ? "red" : d.state === "sent" ? "green" : "gray",
      children: (
        <div className="trellis-record-message" data-testid="record-message">
          <div>
            <Typography.Text type="secondary">{formatDateTime(d.created_at)}</Typography.Text>{" "}
            <Tag>{d.channel}</Tag>
            {d.urgency && <Tag color={URGENCY_COLOR[d.urgency] ?? "default"}>{t(`urgency.${d.urgency}`, d.urgency)}</Tag>}
            <StateTag state={d.state} />
          </div>
          <div><b>{d.subject || d.event}</b> · {t("record.to")} {d.recipient?.name ?? "—"}</div>
          {d.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.note}</Typography.Text>}
        </div>
      ),
    }))} />
  );
}
