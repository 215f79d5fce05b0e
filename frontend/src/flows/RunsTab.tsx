/** A flow's runs, newest first, filtered by state; opening one shows its path and log
 * (`?tab=runs&run=<id>`). */
import { ReloadOutlined } from "@ant-design/icons";
import { Button, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import RunStateTag from "./RunStateTag";
import RunViewer from "./RunViewer";
import type { FlowTypes, Run } from "./types";

const STATES = ["", "running", "waiting", "failed", "done", "cancelled", "exited"];

export default function RunsTab({ app, flowKey, types }: { app: string; flowKey: string; types: FlowTypes }) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState("");
  const { data, loading, reload } = useAsync(() => flowApi.runs(app, flowKey, { state: state || undefined, limit: 200 }),
    [app, flowKey, state]);
  const open = Number(params.get("run")) || null;
  const show = (id: number | null) => setParams(id ? { tab: "runs", run: String(id) } : { tab: "runs" }, { replace: true });
  return (
    <div data-testid="flow-runs">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented value={state} onChange={(v) => setState(String(v))}
          options={STATES.map((s) => ({ value: s, label: s ? t(`runs.states.${s}`) : t("runs.all") }))} />
        <Button icon={<ReloadOutlined />} onClick={reload}>{t("runs.refresh")}</Button>
      </Space>
      <Table<Run> size="small" rowKey="id" loading={loading} dataSource={data ?? []} scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t("runs.empty") }}
        onRow={(r) => ({ onClick: () => show(r.id), style: { cursor: "pointer" }, "data-testid": `flow-run-${r.id}` } as object)}
        columns={[
          { key: "id", title: "#", dataIndex: "id", width: 70 },
          { key: "state", title: t("runs.state"), render: (_, r) => <RunStateTag state={r.state} /> },
          { key: "record", title: t("runs.record"), render: (_, r) => (r.record_id && r.form
            ? <Link to={`/apps/${app}/forms/${r.form}/records/${r.record_id}`} onClick={(e) => e.stopPropagation()}>
              {r.record_title || `#${r.record_id}`}</Link> : "—") },
          { key: "version", title: t("runs.version"), render: (_, r) => (r.version ? `v${r.version}` : "—") },
          { key: "started", title: t("runs.started"), render: (_, r) => formatDateTime(r.started_at) },
          { key: "updated", title: t("runs.updated"), render: (_, r) => formatDateTime(r.ended_at ?? r.updated_at) },
          { key: "error", title: t("runs.error"), render: (_, r) => (r.error
            ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{tx(r.error)}</Typography.Text> : null) },
        ]} />
      {open && <RunViewer app={app} id={open} types={types} onClose={() => show(null)} onChanged={reload} />}
    </div>
  );
}
