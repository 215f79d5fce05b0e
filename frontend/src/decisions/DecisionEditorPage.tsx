/**
 * /apps/:app/decisions/:key: a decision table's editor (administrators). The name and the hit
 * policy, the grid of rules (DecisionGrid), save draft, check (the publish preview's errors
 * and warnings), publish (a refusal's problems shown on the cells and rules they name) and a
 * "try it" panel evaluating the published version.
 */
import { ArrowLeftOutlined, CheckOutlined, CloudUploadOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Form, Input, Result, Select, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ApiError, errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { decisionApi } from "./api";
import DecisionGrid from "./DecisionGrid";
import { DECISIONS_NS } from "./i18n";
import { HIT_POLICIES, placeProblems, type Decision, type HitPolicy, type Problem } from "./model";
import TryPanel from "./TryPanel";
import "./decisions.css";
import { useLeaveWarning } from "../hooks/useLeaveWarning";

export default function DecisionEditorPage() {
  const { app = "", key = "" } = useParams();
  const { t } = useTranslation(DECISIONS_NS);
  const { tx, lang } = useLang();
  const { message } = AntApp.useApp();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dirty, setDirty] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState<"save" | "publish" | "check" | null>(null);
  const [matched, setMatched] = useState<number[]>([]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [draft, list] = await Promise.all([decisionApi.draft(app, key), decisionApi.list(app).catch(() => [])]);
      setDecision(draft);
      setVersion(list.find((d) => d.id === key)?.published_version ?? null);
      setDirty(false);
    } catch (err) {
      setLoadError(err);
    }
  }, [app, key]);
  useEffect(() => { void load(); }, [load]);
  useLeaveWarning(dirty);

  const placed = useMemo(() => (decision ? placeProblems(problems, decision) : new Map<string, Problem[]>()), [problems, decision]);
  const loose = placed.get("table") ?? [];

  if (loadError) {
    return <Result status="warning" title={t("editor.loadFailed")} subTitle={errorText(loadError, lang)}
      extra={<Button onClick={() => void load()}>{t("list.open")}</Button>} />;
  }
  if (!decision) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;

  const change = (d: Decision) => {
    setDecision(d);
    setDirty(true);
  };
  const save = async (): Promise<boolean> => {
    try {
      const saved = await decisionApi.save(app, key, decision);
      setDecision(saved ?? decision);
      setDirty(false);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setProblems(err.errors as Problem[]);
      message.error(errorText(err, lang));
      return false;
    }
  };
  const onSave = async () => {
    setBusy("save");
    if (await save()) message.success(t("editor.saved"));
    setBusy(null);
  };
  const onCheck = async () => {
    setBusy("check");
    try {
      if (dirty && !(await save())) return;
      const preview = await decisionApi.preview(app, key);
      setProblems(preview.problems ?? []);
      if (!preview.problems?.length) message.success(t("editor.checkOk"));
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(null);
    }
  };
  const onPublish = async () => {
    setBusy("publish");
    try {
      if (dirty && !(await save())) return;
      const r = await decisionApi.publish(app, key);
      setVersion(r.version);
      setProblems([]);
      message.success(t("editor.published", { v: r.version }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.errors.length) {
        setProblems(err.errors as Problem[]);
        message.error(t("editor.publishFailed"));
      } else {
        message.error(errorText(err, lang));
      }
    } finally {
      setBusy(null);
    }
  };

  const policy = decision.hit_policy ?? "first";
  return (
    <div className="tdc-page" data-testid="decision-editor">
      <div className="tdc-toolbar">
        <Space wrap size={8}>
          <Link to={`/apps/${app}/decisions`}><ArrowLeftOutlined /> {t("editor.back")}</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>{tx(decision.label, key)}</Typography.Title>
          <Tag color={version ? "green" : "default"} data-testid="decision-version">
            {version ? t("editor.version", { v: version }) : t("editor.neverPublished")}
          </Tag>
          {dirty && <Tag color="orange">{t("editor.unsaved")}</Tag>}
        </Space>
        <Space wrap size={8}>
          <Button icon={<SaveOutlined />} loading={busy === "save"} disabled={!dirty} onClick={() => void onSave()}
            data-testid="decision-save">{t("editor.save")}</Button>
          <Button icon={<CheckOutlined />} loading={busy === "check"} onClick={() => void onCheck()}
            data-testid="decision-check">{t("editor.check")}</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === "publish"} onClick={() => void onPublish()}
            data-testid="decision-publish">{t("editor.publish")}</Button>
        </Space>
      </div>
      <Form layout="vertical" size="small" className="tdc-meta">
        <Form.Item label={t("editor.labelZh")}>
          <Input value={decision.label.zh ?? ""} onChange={(e) => change({ ...decision, label: { ...decision.label, zh: e.target.value } })} />
        </Form.Item>
        <Form.Item label={t("editor.labelEn")}>
          <Input value={decision.label.en ?? ""} onChange={(e) => change({ ...decision, label: { ...decision.label, en: e.target.value } })} />
        </Form.Item>
        <Form.Item label={t("editor.hitPolicy")} extra={t(`editor.policyHelp.${policy}`)}>
          <Select value={policy} style={{ minWidth: 220 }} data-testid="decision-hit-policy"
            onChange={(hit_policy: HitPolicy) => change({ ...decision, hit_policy })}
            options={HIT_POLICIES.map((p) => ({ value: p, label: t(`editor.policies.${p}`) }))} />
        </Form.Item>
      </Form>
      {decision.description && <Typography.Paragraph type="secondary">{tx(decision.description)}</Typography.Paragraph>}
      {loose.length > 0 && (
        <Alert type={loose.some((p) => p.severity !== "warning") ? "error" : "warning"} showIcon style={{ marginBottom: 12 }}
          title={t("editor.tableProblems")} data-testid="decision-table-problems"
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {loose.map((p, i) => <li key={i}>{typeof p.message === "string" ? p.message : tx(p.message)}</li>)}</ul>} />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("editor.cellHelp")}</Typography.Paragraph>
      <div className="tdc-body">
        <div className="tdc-main">
          <DecisionGrid decision={decision} onChange={change} placed={placed} matched={matched} />
        </div>
        <TryPanel app={app} decision={decision} onMatched={setMatched} />
      </div>
    </div>
  );
}
