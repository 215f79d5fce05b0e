/** The flows that ran on a record (its 360 page), newest first: "自动化「风险预警」发送短信",
 * the state and when; a line opens the run in its flow's editor. A run with people in it (an
 * approval) also shows where it stands, whom it waits for until when, its history and, on
 * demand, the flow drawn with the path taken (tasks/RunApproval.tsx). */
import { Empty, Spin, Timeline, Typography } from "antd";
import { Link } from "react-router-dom";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import RunStateTag from "./RunStateTag";
import { taskApi } from "../tasks/api";
import RunApproval from "../tasks/RunApproval";

const COLOR: Record<string, string> = { done: "green", failed: "red", running: "blue", waiting: "gold" };

export default function RecordRuns({ app, form, id, reloadKey }: { app: string; form: string; id: number; reloadKey?: number }) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const { data, loading } = useAsync(() => flowApi.recordRuns(app, form, id), [app, form, id, reloadKey]);
  const { data: approvals } = useAsync(() => taskApi.approvals(app, form, id).catch(() => []), [app, form, id, reloadKey]);
  const approvalOf = new Map((approvals ?? []).map((a) => [a.run, a]));
  if (loading && !data) return <Spin />;
  if (!data?.length) return <Empty description={t("record.empty")} />;
  return (
    <Timeline data-testid="record-flow-runs" items={data.map((r) => ({
      key: r.id,
      color: COLOR[r.state] ?? "gray",
      children: (
        <div data-testid="record-flow-run">
          <Typography.Text type="secondary">{formatDateTime(r.started_at)}</Typography.Text>{" "}
          <RunStateTag state={r.state} />
          <div>
            <Link to={`/apps/${app}/flows/${r.flow}?tab=runs&run=${r.id}`} data-testid={`record-flow-run-${r.id}`}>
              {r.text ? tx(r.text) : `${r.flow} #${r.id}`}
            </Link>
          </div>
          {r.error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{typeof r.error === "string" ? r.error : tx(r.error)}</Typography.Text>}
          {approvalOf.has(r.id) && <div style={{ marginTop: 8 }}><RunApproval app={app} approval={approvalOf.get(r.id)!} /></div>}
        </div>
      ),
    }))} />
  );
}
