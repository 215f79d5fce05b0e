/** One audit entry in a drawer: who, when, from where, what (a link to the record), why (its
 * cause), and the before → after of each changed field, labelled and formatted by the form's
 * definition (a definition's or a user's entry shows its values as they were written). */
import { Descriptions, Drawer, Empty, Spin, Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import type { FieldDef, FormDef } from "../../api/types";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { displayText, isEmptyValue } from "../../registries/format";
import { usePhone } from "../../shell/usePhone";
import { useAdminText } from "../i18n";
import type { AuditEntry } from "./api";
import { recordPath, useEntryText } from "./useEntryText";

interface Row {
  key: string;
  label: string;
  before: string;
  after: string;
}

function raw(v: unknown): string {
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export default function EntryDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const phone = usePhone();
  const names = useEntryText();
  const path = entry ? recordPath(entry) : null;
  const def = useAsync<FormDef | null>(
    () => (entry && path ? api.form(entry.app!, entry.target!).catch(() => null) : Promise.resolve(null)),
    [entry?.id]);
  const fields = new Map<string, FieldDef>((def.data?.fields ?? []).map((f) => [f.id, f]));
  const show = (key: string, v: unknown) => {
    if (isEmptyValue(v)) return t("audit.drawer.empty");
    const f = fields.get(key);
    return f ? displayText(f, v, lang) || raw(v) : raw(v);
  };
  const rows: Row[] = !entry ? [] : [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])]
    .filter((k) => k !== "version")
    .map((k) => ({
      key: k, label: fields.has(k) ? tx(fields.get(k)!.label, k) : k,
      before: entry.before && k in entry.before ? show(k, entry.before[k]) : "—",
      after: entry.after && k in entry.after ? show(k, entry.after[k]) : "—",
    }));
  const order = new Map((def.data?.fields ?? []).map((f, i) => [f.id, i]));
  rows.sort((a, b) => (order.get(a.key) ?? 1e6) - (order.get(b.key) ?? 1e6));

  return (
    <Drawer open={!!entry} onClose={onClose} size={phone ? window.innerWidth : 640} destroyOnHidden
      title={entry ? t("audit.drawer.title", { id: entry.id }) : ""} data-testid="audit-drawer">
      {entry && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("audit.drawer.who")}>
              {names.who(entry)}{entry.user?.username && entry.user.title !== entry.user.username
                ? <Typography.Text type="secondary"> ({entry.user.username})</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t("audit.drawer.when")}>{names.when(entry)}</Descriptions.Item>
            <Descriptions.Item label={t("audit.drawer.action")}><Tag>{names.action(entry.action)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t("audit.drawer.what")}>
              {path ? <Link to={path} data-testid="audit-record-link">{names.what(entry)}</Link> : names.what(entry)}
            </Descriptions.Item>
            {entry.ip && <Descriptions.Item label={t("audit.drawer.ip")}>{entry.ip}</Descriptions.Item>}
            {entry.cause_text && <Descriptions.Item label={t("audit.drawer.cause")}>{tx(entry.cause_text)}</Descriptions.Item>}
            {entry.note && <Descriptions.Item label={t("audit.drawer.note")}>{entry.note}</Descriptions.Item>}
          </Descriptions>
          {def.loading && path ? <Spin /> : rows.length === 0 ? <Empty description={t("audit.drawer.noChanges")} /> : (
            <Table<Row> size="small" rowKey="key" pagination={false} dataSource={rows} data-testid="audit-diff"
              tableLayout="fixed"
              columns={[
                { title: t("audit.drawer.field"), dataIndex: "label", width: phone ? 88 : 150 },
                { title: t("audit.drawer.before"), dataIndex: "before", className: "trellis-audit-before",
                  render: (v: string) => <del style={{ wordBreak: "break-word" }}>{v}</del> },
                { title: t("audit.drawer.after"), dataIndex: "after", className: "trellis-audit-after",
                  render: (v: string) => <span style={{ wordBreak: "break-word" }}>{v}</span> },
              ]} />
          )}
        </>
      )}
    </Drawer>
  );
}
