/** "以此角色查看": a form as a chosen user would see it holding only this role (its draft when it has
 * unpublished changes): the actions allowed, how many records, the first of them with only the
 * visible fields, and the hidden and read-only fields. The server computes it with the real
 * access code (GET /apps/{app}/roles/{role}/preview/{form}). */
import { Alert, Descriptions, Drawer, Empty, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { metaCache } from "../../api/cache";
import { errorText } from "../../api/client";
import type { Text } from "../../api/types";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { displayText } from "../../registries/format";
import { searchUsers } from "../../registries/search";
import type { Choice } from "../../registries/search";
import { useAdminText } from "../i18n";
import { roleApi } from "./api";
import type { PreviewField } from "./api";

interface Props {
  app: string;
  role: string;
  forms: { id: string; label: Text | null | undefined }[];
  draft: boolean;
  initialForm?: string;
  onClose: () => void;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(cell).join("、");
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return String(o.title ?? o.name ?? o.id ?? JSON.stringify(v));
  }
  return String(v);
}

export default function PreviewDrawer({ app, role, forms, draft, initialForm, onClose }: Props) {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const [form, setForm] = useState<string | undefined>(initialForm ?? forms[0]?.id);
  const [user, setUser] = useState<number>();
  const [users, setUsers] = useState<Choice[]>([]);
  const [q, setQ] = useState("");
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => { searchUsers(q).then((found) => live && setUsers(found), () => undefined); }, 200);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);
  const seen = useAsync(() => (form && user ? roleApi.preview(app, role, form, user, draft) : Promise.resolve(null)),
    [app, role, form, user, draft]);
  const tags = (list: PreviewField[], color?: string) => list.length
    ? list.map((f) => <Tag key={f.id} color={color} style={{ marginBottom: 4 }}>{tx(f.label, f.id)}</Tag>)
    : <Typography.Text type="secondary">{t("roles.preview.none")}</Typography.Text>;
  const def = useAsync(() => (form ? metaCache.form(app, form) : Promise.resolve(null)), [app, form]);
  const shown = (id: string, v: unknown) => {
    const field = def.data?.fields.find((f) => f.id === id);
    return field && (typeof v !== "object" || Array.isArray(v)) && v != null ? displayText(field, v, lang) : cell(v);
  };
  const p = seen.data;
  return (
    <Drawer open onClose={onClose} title={t("roles.preview.title")} size={Math.min(900, window.innerWidth)} data-testid="role-preview">
      <Space wrap style={{ marginBottom: 12, width: "100%" }}>
        <Select<string> value={form} onChange={setForm} style={{ minWidth: 160 }} popupMatchSelectWidth={false}
          placeholder={t("roles.preview.form")} data-testid="role-preview-form" showSearch optionFilterProp="label"
          options={forms.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} />
        <Select<number> value={user} onChange={setUser} style={{ minWidth: 200 }} popupMatchSelectWidth={false}
          placeholder={t("roles.preview.pick")} data-testid="role-preview-user" showSearch filterOption={false}
          onSearch={setQ} options={users.map((u) => ({ value: u.value, label: u.label }))} />
      </Space>
      {draft && <Alert type="info" showIcon title={t("roles.preview.draft")} style={{ marginBottom: 12 }} />}
      {seen.error ? <Alert type="error" showIcon title={errorText(seen.error, lang)} /> : null}
      {!form || !user ? <Empty description={t("roles.preview.pickFirst")} /> : null}
      {seen.loading && form && user ? <Spin /> : null}
      {p && !seen.loading && (
        <div data-testid="role-preview-result">
          <Descriptions size="small" column={1} bordered layout="vertical" style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t("roles.preview.actions")}>
              {p.actions.length ? p.actions.map((a) => <Tag key={a} color="blue">{t(`roles.actions.${a}`)}</Tag>)
                : <Typography.Text type="secondary">{t("roles.preview.noRead")}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t("roles.preview.hidden")}><span data-testid="role-preview-hidden">{tags(p.hidden, "red")}</span></Descriptions.Item>
            <Descriptions.Item label={t("roles.preview.readonly")}>{tags(p.readonly, "gold")}</Descriptions.Item>
          </Descriptions>
          {p.actions.includes("read") && (
            <>
              <Typography.Title level={5} data-testid="role-preview-count">{t("roles.preview.count", { n: p.count })}</Typography.Title>
              <div className="trellis-role-preview-table">
                <Table size="small" rowKey="id" pagination={false} dataSource={p.items} scroll={{ x: "max-content" }}
                  title={() => t("roles.preview.first", { n: p.items.length })}
                  columns={p.columns.map((c) => ({ key: c.id, dataIndex: c.id, title: tx(c.label, c.id), render: (v: unknown) => shown(c.id, v),
                    ellipsis: true }))} />
              </div>
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
