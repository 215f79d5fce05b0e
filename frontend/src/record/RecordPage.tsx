/** `/apps/:app/forms/:form/records/:id`: the record's 360 view — a header with its key figures
 * (the form's `summary`), fields by section, one activity timeline (changes, related records,
 * messages, flows, comments with @mentions), the history of changes (each change revertible),
 * the messages sent about it, the flows that ran on it (an approval with where it stands and its
 * history), its approval status, a tab per related form with its count, and the actions the user
 * may take (submit for approval again, run a manual flow, edit, delete). */
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { App, Button, Grid, Space, Spin, Tabs, Tag, Typography } from "antd";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../api/client";
import { metaCache } from "../api/cache";
import { remember } from "../grid/useRecordList";
import { useAsync } from "../hooks/useAsync";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { traitsOf } from "../api/fieldTypes";
import { rememberRecord } from "../registries/entities";
import { formatDateTime } from "../registries/format";
import ErrorResult from "../shell/ErrorResult";
import HistoryTimeline from "./HistoryTimeline";
import RecordDrawer from "./RecordDrawer";
import RecordSections from "./RecordSections";
import RelatedList from "./RelatedList";
import { relationsOf } from "./relations";
import { record360Api } from "../record360/api";
import ActivityTimeline from "../record360/ActivityTimeline";
import { useRecord360Text } from "../record360/i18n";
import KeyFigures from "../record360/KeyFigures";

const RecordMessages = lazy(() => import("../notify/RecordMessages"));
const RecordRuns = lazy(() => import("../flows/RecordRuns"));
const RunFlowButton = lazy(() => import("../flows/RunFlowButton"));
const ApprovalStatus = lazy(() => import("../tasks/ApprovalStatus"));

export default function RecordPage() {
  const { app = "", form = "", id: rawId = "" } = useParams();
  const id = Number(rawId);
  const { t } = useTranslation();
  const { tx } = useLang();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const [editing, setEditing] = useState(false);
  const [started, setStarted] = useState(0);
  const [tab, setTab] = useState("details");
  const [changes, setChanges] = useState(0);  // bumps when the record or its comments changed
  const screens = Grid.useBreakpoint();
  useEffect(() => setTab("details"), [app, form, id]);
  const { t: t360 } = useRecord360Text();
  const figures = useAsync(() => record360Api.figures(app, form, id).catch(() => []), [app, form, id, changes]);
  const counts = useAsync(() => record360Api.relatedCounts(app, form, id).catch(() => []), [app, form, id, changes]);

  const loaded = useAsync(async () => {
    const def = await metaCache.form(app, form, true);
    const expand = def.fields.filter((f) => traitsOf(f.type).references).map((f) => f.id);
    const [record, relations] = await Promise.all([api.get(app, form, id, expand), relationsOf(app, form)]);
    remember(def.fields, [record]);
    if (def.title_field && record[def.title_field] != null) rememberRecord(form, id, String(record[def.title_field]));
    return { def, record, relations };
  }, [app, form, id]);
  const reload = () => { loaded.reload(); setChanges((n) => n + 1); };

  if (loaded.error) return <ErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  const { def, record, relations } = loaded.data;
  const ctx = { app, form };
  const title = String((def.title_field && record[def.title_field]) || `#${record.id}`);
  const sameForm = (f: string) => relations.filter((r) => r.form === f).length > 1;
  const countOf = new Map((counts.data ?? []).map((c) => [`${c.form}:${c.field}`, c.count]));
  const relatedLabel = (r: typeof relations[number]) => {
    const label = sameForm(r.form) ? `${tx(r.form_label, r.form)} · ${tx(r.label, r.field)}` : tx(r.form_label, r.form);
    const n = countOf.get(`${r.form}:${r.field}`);
    // the count is read out by the tab's panel, not by its name (the tab is named by its form)
    return (
      <span className="trellis-related-tab" data-testid={`related-tab-${r.form}-${r.field}`}>
        {label}{n !== undefined && <span className="trellis-tab-count" aria-hidden="true" data-testid="tab-count">{n}</span>}
      </span>
    );
  };

  const remove = () => modal.confirm({
    title: t("common.confirmDelete"), okType: "danger", okText: t("common.delete"), cancelText: t("common.cancel"),
    onOk: async () => {
      try {
        await api.remove(app, form, id, record.version);
        message.success(t("common.deleted"));
        navigate(`/apps/${app}/forms/${form}`);
      } catch (err) {
        report(err, loaded.reload);
      }
    },
  });

  const narrow = !screens.md;  // a phone: tighter tabs, so the record's own ones all show
  // the record's own activity first (on a phone the later tabs fold into a menu), then its related lists
  const tabs = [
    { key: "details", label: t("record.details"), children: <RecordSections def={def} record={record} ctx={ctx} /> },
    { key: "activity", label: <span data-testid="record-activity-tab">{t360("activity")}</span>,
      children: <ActivityTimeline app={app} def={def} id={id} reloadKey={record.version} onCommented={() => setChanges((n) => n + 1)} /> },
    { key: "history", label: t("record.history"),
      children: <HistoryTimeline app={app} def={def} id={id} version={record.version} onReverted={reload} /> },
    { key: "messages", label: t("record.messages"),
      children: <Suspense fallback={<Spin />}><RecordMessages app={app} form={form} id={id} /></Suspense> },
    { key: "flows", label: <span data-testid="record-flows-tab">{t("record.flows")}</span>,
      children: <Suspense fallback={<Spin />}><RecordRuns app={app} form={form} id={id} reloadKey={started} /></Suspense> },
    ...relations.map((r) => ({
      key: `rel:${r.form}:${r.field}`,
      label: relatedLabel(r),
      children: <RelatedList app={app} relation={r} id={id} />,
    })),
  ];

  return (
    <div className="trellis-card trellis-record-page">
      <div className="trellis-page-title trellis-record-header">
        <Link to={`/apps/${app}/forms/${form}`}><Button type="text" icon={<ArrowLeftOutlined />} aria-label={t("common.back")} /></Link>
        <h2 data-testid="record-title">{title}</h2>
        <Tag color="blue">{tx(def.label, def.id)}</Tag>
        <Suspense fallback={null}><ApprovalStatus app={app} form={form} fields={def.fields} record={record} part="tag" /></Suspense>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("record.updated_at")} {formatDateTime(record.updated_at)} · {t("record.version")} {record.version}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Space wrap>
          <Suspense fallback={null}>
            <ApprovalStatus app={app} form={form} fields={def.fields} record={record} part="button"
              onSubmitted={() => { setStarted((n) => n + 1); reload(); }} />
            <RunFlowButton app={app} form={form} records={[id]} onStarted={() => { setStarted((n) => n + 1); reload(); }} />
          </Suspense>
          {def.actions.includes("update") && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">{t("common.edit")}</Button>
          )}
          {def.actions.includes("delete") && (
            <Button danger icon={<DeleteOutlined />} onClick={remove}>{t("common.delete")}</Button>
          )}
        </Space>
      </div>
      <KeyFigures app={app} form={form} figures={figures.data}
        onOpenRelated={(f, field) => setTab(`rel:${f}:${field}`)} />
      <Tabs className="trellis-record-tabs" items={tabs} activeKey={tab} onChange={setTab} destroyOnHidden
        size={narrow ? "small" : "middle"} tabBarGutter={narrow ? 12 : undefined} />
      {editing && (
        <RecordDrawer app={app} def={def} id={id} onClose={() => setEditing(false)}
          onSaved={() => { setEditing(false); reload(); }} />
      )}
    </div>
  );
}
