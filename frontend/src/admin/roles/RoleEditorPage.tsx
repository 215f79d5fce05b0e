/** The role editor: the role's name and description; per published form of the app the actions
 * in words, the row scope and the field matrix; what it grants on every other form. Saved as a
 * draft, published through the definition store with its versions; problems from publishing shown
 * with their place in words; "以此角色查看" shows a form as a chosen user holding the role sees it. */
import { ArrowLeftOutlined, EyeOutlined, HistoryOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Collapse, Input, Result, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { metaCache } from "../../api/cache";
import { ApiError, errorText } from "../../api/client";
import type { FieldDef, Text } from "../../api/types";
import { useLeaveWarning } from "../../hooks/useLeaveWarning";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { roleApi } from "./api";
import GrantEditor from "./GrantEditor";
import { readRole, roleJson } from "./model";
import type { Grant, RoleModel } from "./model";
import PreviewDrawer from "./PreviewDrawer";
import { placeOf, problemMessage } from "./problems";
import type { RoleProblem } from "./problems";
import RoleVersions from "./RoleVersions";
import "./roles.css";

interface FormInfo {
  id: string;
  label: Text | null | undefined;
  fields: FieldDef[];
}

/** JSON text with object keys sorted: two definitions are the same when these are. */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => Array.isArray(x) ? x.map(sort) : x && typeof x === "object"
    ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sort(v));
}

export default function RoleEditorPage() {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const { app = "", role = "" } = useParams();
  const { message } = AntApp.useApp();
  const [model, setModel] = useState<RoleModel | null>(null);
  const [saved, setSaved] = useState("");
  const [published, setPublished] = useState<{ version: number | null; text: string }>({ version: null, text: "" });
  const [forms, setForms] = useState<FormInfo[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [problems, setProblems] = useState<RoleProblem[]>([]);
  const [busy, setBusy] = useState<"save" | "publish" | "preview" | null>(null);
  const [panel, setPanel] = useState<"versions" | "preview" | null>(null);
  const [open, setOpen] = useState<string[]>([]);

  const load = useCallback(async () => {
    try {
      const [draft, versions] = await Promise.all([roleApi.draft(app, role), roleApi.versions(app, role)]);
      const latest = versions.reduce<number | null>((m, v) => (m === null || v.version > m ? v.version : m), null);
      const body = latest === null ? null : await roleApi.published(app, role, latest);
      setModel(readRole(draft));
      setSaved(canonical(draft));
      setPublished({ version: latest, text: body ? canonical(body) : "" });
      setFailure(null);
    } catch (err) {
      setFailure(err);
    }
  }, [app, role]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    let live = true;
    metaCache.forms(app, true)
      .then((list) => Promise.all(list.filter((f) => f.published_version).map(async (f) => ({
        id: f.id, label: f.label, fields: (await metaCache.form(app, f.id, true)).fields }))))
      .then((list) => live && setForms(list), (err: unknown) => live && setFailure(err));
    return () => { live = false; };
  }, [app]);

  const json = useMemo(() => (model ? roleJson(model) : null), [model]);
  const dirty = json !== null && canonical(json) !== saved;
  const ahead = published.version === null || saved !== published.text;
  useLeaveWarning(dirty);

  const save = async (): Promise<boolean> => {
    if (!json) return false;
    try {
      const back = await roleApi.save(app, role, json);
      setSaved(canonical(back));
      return true;
    } catch (err) {
      setProblems(err instanceof ApiError ? (err.errors as RoleProblem[]) : []);
      message.error(errorText(err, lang));
      return false;
    }
  };
  const run = async (what: "save" | "publish" | "preview") => {
    setBusy(what);
    setProblems([]);
    try {
      if ((dirty || what === "save") && !(await save())) return;
      if (what === "save") message.success(t("roles.editor.saved"));
      if (what === "preview") setPanel("preview");
      if (what === "publish") {
        const done = await roleApi.publish(app, role);
        message.success(t("roles.editor.published", { v: done.version }));
        await load();
      }
    } catch (err) {
      const listed = err instanceof ApiError ? (err.errors as RoleProblem[]) : [];
      setProblems(listed);
      if (!listed.length) message.error(errorText(err, lang));
    } finally {
      setBusy(null);
    }
  };

  if (failure) return <Result status="error" title={errorText(failure, lang)} extra={<Link to={`/apps/${app}/manage/roles`}>{t("roles.editor.back")}</Link>} />;
  if (!model || !forms) return <Spin style={{ display: "block", margin: 48 }} />;

  const formLabel = (id: string) => tx(forms.find((f) => f.id === id)?.label, id);
  const listed: FormInfo[] = [...forms, ...Object.keys(model.forms).filter((id) => !forms.some((f) => f.id === id))
    .map((id) => ({ id, label: null, fields: [] }))];
  const setGrant = (id: string, grant: Grant | undefined) => setModel((m) => {
    if (!m) return m;
    const next = { ...m.forms };
    if (grant) next[id] = grant;
    else delete next[id];
    return { ...m, forms: next };
  });
  const granted = (g: Grant | undefined) => g?.actions.length
    ? g.actions.map((a) => <Tag key={a} color="blue" style={{ marginInlineEnd: 4 }}>{t(`roles.actions.${a}`)}</Tag>)
    : <Tag>{t("roles.editor.noAccess")}</Tag>;
  const header = (label: string, g: Grant | undefined) => (
    <Space wrap size={4} style={{ rowGap: 4 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <span>{granted(g)}</span>
    </Space>
  );
  const items = [
    ...listed.map((f) => ({
      key: f.id, className: `trellis-role-grant grant-panel-${f.id}`, label: header(tx(f.label, f.id), model.forms[f.id]),
      children: <GrantEditor app={app} grant={model.forms[f.id]} fields={f.fields} testId={`grant-${f.id}`}
        onChange={(g) => setGrant(f.id, g)} />,
    })),
    {
      key: "$all", className: "trellis-role-grant grant-panel-all", label: header(t("roles.editor.allForms"), model.allForms),
      children: (
        <>
          <Typography.Paragraph type="secondary">{t("roles.editor.allFormsHelp")}</Typography.Paragraph>
          <GrantEditor app={app} grant={model.allForms} fields={null} testId="grant-all"
            onChange={(g) => setModel((m) => (m ? { ...m, allForms: g } : m))} />
        </>
      ),
    },
  ];
  const status = dirty ? <Tag color="orange">{t("roles.editor.dirty")}</Tag>
    : published.version === null ? <Tag color="orange">{t("roles.editor.neverPublished")}</Tag>
      : ahead ? <Tag color="gold">{t("roles.editor.draftAhead")}</Tag>
        : <Tag color="green">{t("roles.editor.upToDate", { v: published.version })}</Tag>;
  const words = { form: (id: string) => t("roles.problems.form", { form: formLabel(id) }), scope: t("roles.problems.scope"),
    fields: t("roles.problems.fields"), allForms: t("roles.problems.allForms"), role: t("roles.problems.role") };
  const setText = (key: "label" | "description", value: string) => setModel((m) => {
    if (!m) return m;
    const text: Text = { ...(m[key] ?? {}) };
    if (value) text[lang] = value;
    else delete text[lang];
    return { ...m, [key]: text };
  });

  return (
    <div className="trellis-role-editor" data-testid="role-editor">
      <Space wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Space wrap size={8}>
          <Link to={`/apps/${app}/manage/roles`}><ArrowLeftOutlined /> {t("roles.editor.back")}</Link>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="role-title">{tx(model.label, model.id)}</Typography.Title>
          <span data-testid="role-status">{status}</span>
        </Space>
        <Space wrap size={8}>
          <Button icon={<HistoryOutlined />} onClick={() => setPanel("versions")} data-testid="role-history">{t("roles.editor.history")}</Button>
          <Button icon={<EyeOutlined />} loading={busy === "preview"} onClick={() => void run("preview")} data-testid="role-view-as">
            {t("roles.editor.viewAs")}</Button>
          <Button icon={<SaveOutlined />} loading={busy === "save"} onClick={() => void run("save")} data-testid="role-save">
            {t("roles.editor.save")}</Button>
          <Button type="primary" icon={<SendOutlined />} loading={busy === "publish"} onClick={() => void run("publish")}
            data-testid="role-publish">{t("roles.editor.publish")}</Button>
        </Space>
      </Space>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("roles.problems.title")} data-testid="role-problems"
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p, i) => (
            <li key={i}><Typography.Text strong>{placeOf(p.pointer, words)}</Typography.Text>:{problemMessage(p, lang)}</li>
          ))}</ul>} />
      )}
      <Space orientation="vertical" style={{ width: "100%", marginBottom: 16 }} size={8}>
        <Input addonBefore={t("roles.editor.label")} value={model.label[lang] ?? ""} placeholder={tx(model.label, model.id)}
          maxLength={100} onChange={(e) => setText("label", e.target.value)} data-testid="role-label" />
        <Input.TextArea value={model.description?.[lang] ?? ""} placeholder={t("roles.editor.description")} maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => setText("description", e.target.value)} data-testid="role-description" />
      </Space>
      <Typography.Title level={5}>{t("roles.editor.forms")}</Typography.Title>
      <Collapse items={items} activeKey={open} onChange={(keys) => setOpen(keys as string[])} data-testid="role-grants" />
      {panel === "versions" && (
        <RoleVersions app={app} role={role} current={published.version} onClose={() => setPanel(null)}
          onRestored={() => { setPanel(null); void load(); }} />
      )}
      {panel === "preview" && (
        <PreviewDrawer app={app} role={role} forms={listed} draft={ahead || dirty} onClose={() => setPanel(null)}
          initialForm={open.find((k) => k !== "$all") ?? Object.keys(model.forms)[0]} />
      )}
    </div>
  );
}
