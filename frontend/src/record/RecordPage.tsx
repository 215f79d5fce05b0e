/** `/apps/:app/forms/:form/records/:id`: the record's 360 view — fields by section, a tab per
 * related form, the history of changes (each change revertible), the messages sent about it, the
 * flows that ran on it (an approval with where it stands and its history), its approval status,
 * and the actions the user may take (submit for approval again, run a manual flow, edit, delete). */
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { App, Button, Grid, Space, Spin, Tabs, Tag, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
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
  const screens = Grid.useBreakpoint();

  const loaded = useAsync(async () => {
    const def = await metaCache.form(app, form, true);
    const expand = def.fields.filter((f) => traitsOf(f.type).references).map((f) => f.id);
    const [record, relations] = await Promise.all([api.get(app, form, id, expand), relationsOf(app, form)]);
    remember(def.fields, [record]);
    if (def.title_field && record[def.title_field] != null) rememberRecord(form, id, String(record[def.title_field]));
    return { def, record, relations };
  }, [app, form, id]);

  if (loaded.error) return <ErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  const { def, record, relations } = loaded.data;
  const ctx = { app, form };
  const title = String((def.title_field && record[def.title_field]) || `#${record.id}`);
  const sameForm = (f: string) => relations.filter((r) => r.form === f).length > 1;

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
    { key: "history", label: t("record.history"),
      children: <HistoryTimeline app={app} def={def} id={id} version={record.version} onReverted={loaded.reload} /> },
    { key: "messages", label: t("record.messages"),
      children: <Suspense fallback={<Spin />}><RecordMessages app={app} form={form} id={id} /></Suspense> },
    { key: "flows", label: <span data-testid="record-flows-tab">{t("record.flows")}</span>,
      children: <Suspense fallback={<Spin />}><RecordRuns app={app} form={form} id={id} reloadKey={started} /></Suspense> },
    ...relations.map((r) => ({
      key: `rel:${r.form}:${r.field}`,
      label: sameForm(r.form) ? `${tx(r.form_label, r.form)} · ${tx(r.label, r.field)}` : tx(r.form_label, r.form),
      children: <RelatedList app={app} relation={r} id={id} />,
    })),
  ];

  return (
    <div className="trellis-card">
      <div className="trellis-page-title">
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
              onSubmitted={() => { setStarted((n) => n + 1); loaded.reload(); }} />
            <RunFlowButton app={app} form={form} records={[id]} onStarted={() => { setStarted((n) => n + 1); loaded.reload(); }} />
          </Suspense>
          {def.actions.includes("update") && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">{t("common.edit")}</Button>
          )}
          {def.actions.includes("delete") && (
            <Button danger icon={<DeleteOutlined />} onClick={remove}>{t("common.delete")}</Button>
          )}
        </Space>
      </div>
      <Tabs items={tabs} destroyOnHidden size={narrow ? "small" : "middle"} tabBarGutter={narrow ? 12 : undefined} />
      {editing && (
        <RecordDrawer app={app} def={def} id={id} onClose={() => setEditing(false)}
          onSaved={() => { setEditing(false); loaded.reload(); }} />
      )}
    </div>
  );
}
