/** One delivery's attempts (GET .../deliveries/{id}), shown when its row is expanded. */
import { Alert, Descriptions, Spin, Table, Typography } from "antd";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { notifyApi } from "../api";
import { shortDate } from "../format";
import { useNotifyText } from "../i18n";
import type { Attempt } from "../types";

const show = (v: unknown) => (v == null || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export default function DeliveryLog({ app, id }: { app: string; id: number }) {
  const { t } = useNotifyText();
  const { lang } = useLang();
  const { data, error, loading } = useAsync(() => notifyApi.delivery(app, id), [app, id]);
  if (loading && !data) return <Spin size="small" />;
  if (error || !data) return <Alert type="warning" title={errorText(error, lang)} />;
  return (
    <div data-testid={`delivery-log-${id}`}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t("deliveries.subject")}>{show(data.subject)}</Descriptions.Item>
        <Descriptions.Item label={t("deliveries.event")}>{show(data.event)}</Descriptions.Item>
        {data.note && <Descriptions.Item label={t("deliveries.note")} span={2}>{data.note}</Descriptions.Item>}
        <Descriptions.Item label={t("deliveries.body")} span={2}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }} ellipsis={{ rows: 4, expandable: true }}>
            {show(data.body)}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <Table<Attempt>
        size="small"
        rowKey="attempt"
        pagination={false}
        title={() => t("deliveries.log")}
        dataSource={data.log ?? []}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "attempt", title: "#", width: 50, render: (_, a) => a.attempt },
          { key: "at", title: t("deliveries.at"), width: 150, render: (_, a) => shortDate(a.at) },
          { key: "status", title: t("deliveries.status"), width: 90, render: (_, a) => t(`state.${a.status}`, a.status) },
          { key: "latency", title: t("deliveries.latency"), width: 90, render: (_, a) => (a.latency_ms == null ? "—" : t("deliveries.ms", { n: a.latency_ms })) },
          { key: "answer", title: t("deliveries.answer"), render: (_, a) => <span className="trellis-json">{show(a.answer)}</span> },
          { key: "error", title: t("deliveries.error"), render: (_, a) => <span className="trellis-attempt-error">{a.error ?? ""}</span> },
        ]}
      />
    </div>
  );
}
