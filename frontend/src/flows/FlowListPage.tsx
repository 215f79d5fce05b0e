/** /apps/:app/flows: the app's flows (administrators): name, kind, trigger, form, enabled,
 * published version, last run, runs and failures; a new one opens its editor. */
import { PlusOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { metaCache } from "../api/cache";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import NewFlowModal from "./NewFlowModal";
import { sameBesidesEnabled } from "./model";
import type { FlowSummary } from "./types";
import "./flows.css";

export default function FlowListPage() {
  const { app = "" } = useParams();
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { message, modal } = AntApp.useApp();
  const { data, loading, error, reload } = useAsync(() => flowApi.list(app), [app]);
  const types = useAsync(() => flowApi.types(), []).data;
  const forms = useAsync(() => metaCache.forms(app), [app]).data ?? [];
  const [creating, setCreating] = useState(false);
  const [toggling, setToggling] = useState<string | null>(null);
  const formLabel = (id?: string | null) => (id ? tx(forms.find((f) => f.id === id)?.label, id) : "—");
  const triggerLabel = (tr: FlowSummary["trigger"]) => {
    const key = typeof tr === "string" ? tr : tr?.type;
    return key ? tx(types?.triggers.find((x) => x.key === key)?.label, key) : "—";
  };

  // Enabling is part of the flow's definition: the draft gets the switch and is published again
  // (a draft with other unpublished changes is published only when the user agrees).
  const toggle = async (f: FlowSummary, enabled: boolean) => {
    setToggling(f.key);
    try {
      const draft = await flowApi.draft(app, f.key);
      const published = f.published_version ? await flowApi.version(app, f.key, f.published_version) : null;
      const apply = async () => {
        await flowApi.save(app, f.key, { ...draft, enabled });
        await flowApi.publish(app, f.key);
        reload();
      };
      if (published && !sameBesidesEnabled(draft, published)) {
        modal.confirm({ title: t("list.draftChanged"), okText: t("list.publishToo"), onOk: apply });
      } else {
        await apply();
      }
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setToggling(null);
    }
  };

  return (
    <div className="tfl-page" data-testid="flow-list">
      <div className="tfl-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>{t("list.title")}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="flow-new">{t("list.create")}</Button>
      </div>
      <Typography.Paragraph type="secondary">{t("list.intro")}</Typography.Paragraph>
      {error ? <Typography.Text type="danger">{errorText(error, lang)}</Typography.Text> : null}
      <Table<FlowSummary> rowKey="key" size="middle" loading={loading} dataSource={data ?? []} pagination={false}
        locale={{ emptyText: t("list.empty") }} scroll={{ x: true }}
        columns={[
          { key: "label", title: t("list.label"), render: (_, f) => (
            <Link to={`/apps/${app}/flows/${f.key}`} data-testid={`flow-link-${f.key}`}>{tx(f.label ?? undefined, f.key)}</Link>) },
          { key: "kind", title: t("list.kind"), render: (_, f) => (
            <Tag color={f.kind === "journey" ? "purple" : "blue"}>{t(`kinds.${f.kind ?? "automation"}`)}</Tag>) },
          { key: "trigger", title: t("list.trigger"), render: (_, f) => triggerLabel(f.trigger) },
          { key: "form", title: t("list.form"), render: (_, f) => formLabel(f.form) },
          { key: "enabled", title: t("list.enabled"), render: (_, f) => (
            <Switch size="small" checked={f.enabled !== false} loading={toggling === f.key} disabled={!f.published_version}
              onChange={(on) => void toggle(f, on)} data-testid={`flow-enabled-${f.key}`} />) },
          { key: "version", title: t("list.version"), render: (_, f) => (f.published_version
            ? <Tag color="green">{t("list.published", { v: f.published_version })}</Tag> : <Tag>{t("list.draft")}</Tag>) },
          { key: "last", title: t("list.lastRun"), render: (_, f) => (f.last_run_at ? formatDateTime(f.last_run_at) : t("list.never")) },
          { key: "runs", title: t("list.runs"), align: "right", render: (_, f) => f.runs?.total ?? 0 },
          { key: "failed", title: t("list.failed"), align: "right", render: (_, f) => (f.runs?.failed
            ? <Typography.Text type="danger">{f.runs.failed}</Typography.Text> : 0) },
        ]} />
      {creating && <NewFlowModal app={app} taken={new Set((data ?? []).map((f) => f.key))} onClose={() => setCreating(false)} />}
    </div>
  );
}
