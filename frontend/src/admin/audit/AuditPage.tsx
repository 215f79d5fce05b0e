/** The audit log (administrators): filtered by app, form, record, user, action and time (kept in
 * the address, so a filtered log can be linked), newest first, paged by "load more"; each entry
 * names who, when, what (a link to the record) and the action, and opens a drawer with the
 * before → after of each field. "校验审计链" verifies the whole hash chain. A table on a
 * desktop, a list of cards on a phone. */
import { Button, Card, DatePicker, Input, List, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { useSession } from "../../shell/SessionContext";
import { usePhone } from "../../shell/usePhone";
import UserPicker from "../../tasks/UserPicker";
import { useAdminText } from "../i18n";
import { ACTIONS, auditApi, type AuditEntry, type AuditQuery } from "./api";
import ChainCheck from "./ChainCheck";
import EntryDrawer from "./EntryDrawer";
import { recordPath, useEntryText } from "./useEntryText";

const PAGE = 50;
const KEYS = ["app", "form", "record_id", "user_id", "action", "since", "until"] as const;
const COLORS: Record<string, string> = { create: "green", update: "blue", delete: "red", restore: "orange", login_failed: "volcano" };

function queryOf(params: URLSearchParams): AuditQuery {
  const q: Record<string, string | number> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v) q[k] = k === "record_id" || k === "user_id" ? Number(v) : v;
  }
  return q as AuditQuery;
}

export default function AuditPage() {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const phone = usePhone();
  const { apps } = useSession();
  const names = useEntryText();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const key = JSON.stringify(query);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [recordText, setRecordText] = useState(query.record_id ? String(query.record_id) : "");
  const first = useAsync(() => auditApi.list({ ...query, limit: PAGE }), [key]);
  const forms = useAsync(() => (query.app ? api.forms(query.app) : Promise.resolve([])), [query.app]);
  useEffect(() => {
    if (first.data) { setItems(first.data.items); setNext(first.data.next_before_id); }
  }, [first.data]);
  useEffect(() => setRecordText(query.record_id ? String(query.record_id) : ""), [query.record_id]);

  const set = (patch: Record<string, string | number | undefined | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === "") p.delete(k); else p.set(k, String(v));
    }
    setParams(p, { replace: true });
  };
  const loadMore = () => {
    if (next == null) return;
    setMore(true);
    auditApi.list({ ...query, limit: PAGE, before_id: next })
      .then((page) => { setItems((xs) => [...xs, ...page.items]); setNext(page.next_before_id); })
      .finally(() => setMore(false));
  };
  const changes = (e: AuditEntry) => {
    const n = new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})].filter((k) => k !== "version")).size;
    return e.form_label && n ? t("audit.fields", { count: n }) : "";
  };
  const what = (e: AuditEntry) => {
    const path = recordPath(e);
    return path ? <Link to={path}>{names.what(e)}</Link> : <span>{names.what(e)}</span>;
  };
  const action = (e: AuditEntry) => <Tag color={COLORS[e.action]}>{names.action(e.action)}</Tag>;
  const details = (e: AuditEntry) => (
    <Button type="link" size="small" onClick={() => setOpen(e)} data-testid={`audit-open-${e.id}`} style={{ padding: 0 }}>
      {t("audit.details")}
    </Button>
  );

  const columns: ColumnsType<AuditEntry> = [
    { title: t("audit.col.at"), width: 150, render: (_, e) => names.when(e) },
    { title: t("audit.col.user"), width: 140, render: (_, e) => names.who(e) },
    { title: t("audit.col.action"), width: 150, render: (_, e) => action(e) },
    { title: t("audit.col.what"), render: (_, e) => what(e) },
    { title: t("audit.col.changes"), width: 110, render: (_, e) => changes(e) },
    { title: "", width: 70, render: (_, e) => details(e) },
  ];
  const range = query.since || query.until
    ? [query.since ? dayjs(query.since) : null, query.until ? dayjs(query.until) : null] as [dayjs.Dayjs | null, dayjs.Dayjs | null]
    : null;
  const full = { width: "100%" };

  return (
    <div data-testid="audit-page">
      <Space align="start" style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>{t("audit.title")}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t("audit.intro")}</Typography.Paragraph>
        </div>
      </Space>
      <div style={{ marginBottom: 12 }}><ChainCheck onShow={setOpen} /></div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div data-testid="audit-filters" style={{ display: "grid", gap: 8,
          gridTemplateColumns: phone ? "1fr 1fr" : "repeat(auto-fill, minmax(180px, 1fr))" }}>
          <Select style={full} allowClear placeholder={t("audit.filter.app")} value={query.app} data-testid="audit-app"
            options={apps.map((a) => ({ value: a.id, label: tx(a.label, a.id) }))}
            onChange={(v) => set({ app: v, form: undefined })} />
          <Select style={full} allowClear placeholder={t("audit.filter.form")} value={query.form} data-testid="audit-form"
            disabled={!query.app} showSearch={{ optionFilterProp: "label" }}
            options={(forms.data ?? []).map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
            onChange={(v) => set({ form: v })} />
          <Input style={full} allowClear placeholder={t("audit.filter.record")}
            inputMode="numeric" value={recordText} data-testid="audit-record"
            onChange={(ev) => {
              const v = ev.target.value.replace(/\D/g, "");
              setRecordText(v);
              if (!v) set({ record_id: undefined });
            }}
            onPressEnter={() => set({ record_id: recordText || undefined })}
            onBlur={() => set({ record_id: recordText || undefined })} />
          <div>
            <UserPicker value={query.user_id} placeholder={t("audit.filter.user")} testId="audit-user"
              onChange={(v) => set({ user_id: typeof v === "number" ? v : undefined })} />
          </div>
          <Select style={full} allowClear placeholder={t("audit.filter.action")} value={query.action} data-testid="audit-action"
            showSearch={{ optionFilterProp: "label" }}
            options={ACTIONS.map((a) => ({ value: a, label: names.action(a) }))}
            onChange={(v) => set({ action: v })} />
          <DatePicker.RangePicker style={{ ...full, gridColumn: "span 2" }} allowEmpty={[true, true]}
            value={range} data-testid="audit-range" placeholder={[t("audit.filter.time"), ""]}
            onChange={(d) => set({ since: d?.[0]?.format("YYYY-MM-DD"), until: d?.[1]?.format("YYYY-MM-DD") })} />
          <Button style={{ justifySelf: "start" }} onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("audit.filter.reset")}
          </Button>
        </div>
      </Card>
      {first.error !== undefined && <Typography.Text type="danger">{errorText(first.error, lang)}</Typography.Text>}
      {phone ? (
        <List<AuditEntry> dataSource={items} loading={first.loading} locale={{ emptyText: t("audit.empty") }}
          data-testid="audit-list"
          renderItem={(e) => (
            <Card size="small" style={{ marginBottom: 8 }} data-entry={e.id} className="trellis-audit-card">
              <Space style={{ width: "100%", justifyContent: "space-between" }}>
                {action(e)}
                <Typography.Text type="secondary">{names.when(e)}</Typography.Text>
              </Space>
              <div style={{ marginTop: 6, wordBreak: "break-word" }}>{names.who(e)}{names.what(e) ? <> · {what(e)}</> : e.ip ? ` · ${e.ip}` : null}</div>
              <Space style={{ width: "100%", justifyContent: "space-between" }}>
                <Typography.Text type="secondary">{changes(e)}</Typography.Text>
                {details(e)}
              </Space>
            </Card>
          )} />
      ) : (
        <Table<AuditEntry> rowKey="id" size="small" columns={columns} dataSource={items} loading={first.loading}
          pagination={false} locale={{ emptyText: t("audit.empty") }} data-testid="audit-table"
          onRow={(e) => ({ "data-entry": e.id } as object)} />
      )}
      <div style={{ textAlign: "center", margin: "12px 0" }}>
        {next != null ? <Button onClick={loadMore} loading={more} data-testid="audit-more">{t("audit.more")}</Button>
          : items.length > 0 && <Typography.Text type="secondary">{t("audit.end")}</Typography.Text>}
      </div>
      <EntryDrawer entry={open} onClose={() => setOpen(null)} />
    </div>
  );
}
