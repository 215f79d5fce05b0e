/**
 * /apps/:app/flows/:key: a flow's editor (administrators). The toolbar (name, published
 * version, unsaved mark, enabled switch, BPMN export and preview, versions, save draft, check,
 * publish) over three tabs: the design canvas, the dry run on history, and the runs with
 * their logs (`?tab=runs&run=<id>` opens one).
 */
import { ArrowLeftOutlined, CheckOutlined, CloudUploadOutlined, HistoryOutlined, SaveOutlined } from "@ant-design/icons";
import { Button, Result, Space, Spin, Switch, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import BpmnExport from "./BpmnExport";
import DesignTab from "./DesignTab";
import DryRunPanel from "./DryRunPanel";
import { useFlowText } from "./i18n";
import RunsTab from "./RunsTab";
import { useFlowEditor } from "./useFlowEditor";
import VersionsDrawer from "./VersionsDrawer";
import "./flows.css";

export default function FlowEditorPage() {
  const { app = "", key = "" } = useParams();
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const [params, setParams] = useSearchParams();
  const [versions, setVersions] = useState(false);
  const ed = useFlowEditor(app, key);
  const tab = params.get("tab") ?? "design";

  if (ed.loadError) {
    return <Result status="warning" title={t("editor.loadFailed")} subTitle={errorText(ed.loadError, lang)}
      extra={<Button onClick={() => void ed.load()}>{t("editor.retry")}</Button>} />;
  }
  if (!ed.flow || !ed.types) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  const flow = ed.flow;
  const setTab = (next: string) => setParams(next === "design" ? {} : { tab: next }, { replace: true });

  return (
    <div className="tfl-page" data-testid="flow-editor">
      <div className="tfl-toolbar">
        <Space wrap size={8}>
          <Link to={`/apps/${app}/flows`}><ArrowLeftOutlined /> {t("editor.back")}</Link>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="flow-title">{tx(flow.label, key)}</Typography.Title>
          <Tag color={flow.kind === "journey" ? "purple" : "blue"}>{t(`kinds.${flow.kind ?? "automation"}`)}</Tag>
          <Tag color={ed.version ? "green" : "default"} data-testid="flow-version">
            {ed.version ? t("editor.version", { v: ed.version }) : t("editor.neverPublished")}
          </Tag>
          {ed.dirty && <Tag color="orange">{t("editor.unsaved")}</Tag>}
        </Space>
        <Space wrap size={8}>
          <Tooltip title={flow.enabled !== false ? t("editor.enabled") : t("editor.disabled")}>
            <Switch checked={flow.enabled !== false} checkedChildren={t("editor.enabled")} unCheckedChildren={t("editor.disabled")}
              onChange={(enabled) => ed.change({ ...flow, enabled })} data-testid="flow-enabled" />
          </Tooltip>
          <BpmnExport app={app} flowKey={key} flow={flow} />
          <Button icon={<HistoryOutlined />} onClick={() => setVersions(true)} data-testid="flow-versions">{t("editor.versions")}</Button>
          <Button icon={<SaveOutlined />} loading={ed.busy === "save"} disabled={!ed.dirty} onClick={() => void ed.onSave()}
            data-testid="flow-save">{t("editor.save")}</Button>
          <Button icon={<CheckOutlined />} loading={ed.busy === "check"} onClick={() => void ed.onCheck()}
            data-testid="flow-check">{t("editor.check")}</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={ed.busy === "publish"} onClick={() => void ed.onPublish()}
            data-testid="flow-publish">{t("editor.publish")}</Button>
        </Space>
      </div>
      <Tabs className="tfl-tabs" activeKey={tab} onChange={setTab} destroyOnHidden items={[
        { key: "design", label: t("editor.design"),
          children: <DesignTab app={app} flow={flow} types={ed.types} problems={ed.problems} onChange={ed.change} /> },
        { key: "dry", label: t("editor.dryRun"), children: <DryRunPanel app={app} flowKey={key} dirty={ed.dirty} /> },
        { key: "runs", label: <span data-testid="flow-runs-tab">{t("editor.runs")}</span>,
          children: <RunsTab app={app} flowKey={key} types={ed.types} /> },
      ]} />
      {versions && <VersionsDrawer app={app} flowKey={key} onClose={() => setVersions(false)}
        onRestored={(draft, published) => { ed.onRestored(draft, published); setVersions(false); }} />}
    </div>
  );
}
