/** API tokens: one's own (create with a name, apps and a validity, the plaintext shown once;
 * revoke) and, for administrators, everyone's (revoke any). A table on a desktop, cards on a phone. */
import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Form, Input, List, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { useSession } from "../../shell/SessionContext";
import { usePhone } from "../../shell/usePhone";
import { useAdminText } from "../i18n";
import SecretOnce from "../users/SecretOnce";
import { tokensApi, type TokenRow } from "./api";

const DAYS = [30, 90, 365];

function state(tk: TokenRow): "active" | "revoked" | "expired" {
  if (tk.revoked_at) return "revoked";
  if (tk.expires_at && new Date(tk.expires_at).getTime() <= Date.now()) return "expired";
  return "active";
}

function TokenList({ load, revoke, everyone }: { load: () => Promise<TokenRow[]>; revoke: (id: number) => Promise<void>; everyone: boolean }) {
  const { t } = useAdminText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const phone = usePhone();
  const [activeOnly, setActiveOnly] = useState(false);
  const list = useAsync(load, [load]);
  const rows = (list.data ?? []).filter((tk) => !activeOnly || state(tk) === "active");
  const when = (s: string | null, none: string) => (s ? new Date(s).toLocaleString(lang === "en" ? "en-GB" : "zh-CN") : none);
  const owner = (tk: TokenRow) => tk.user_name && tk.user_name !== tk.username ? `${tk.user_name} (${tk.username})` : tk.username ?? "";
  const tag = (tk: TokenRow) => {
    const s = state(tk);
    return <Tag color={s === "active" ? "green" : undefined}>{t(`tokens.status.${s}`)}</Tag>;
  };
  const revokeButton = (tk: TokenRow) => state(tk) === "revoked" ? null : (
    <Popconfirm title={t("tokens.revokeConfirm", { name: tk.name })} description={t("tokens.revokeHelp")}
      okText={t("tokens.ok")} cancelText={t("tokens.cancel")}
      onConfirm={() => revoke(tk.id).then(() => { message.success(t("tokens.revoked")); list.reload(); },
        (err: unknown) => message.error(errorText(err, lang)))}>
      <Button type="link" size="small" danger data-testid={`revoke-${tk.id}`}>{t("tokens.revoke")}</Button>
    </Popconfirm>
  );
  const columns: ColumnsType<TokenRow> = [
    { title: t("tokens.col.name"), dataIndex: "name" },
    ...(everyone ? [{ title: t("tokens.col.owner"), render: (_: unknown, tk: TokenRow) => owner(tk) }] : []),
    { title: t("tokens.col.token"), render: (_, tk) => <Typography.Text code>{tk.display ?? `trl_${tk.prefix}_…`}</Typography.Text> },
    { title: t("tokens.col.apps"), render: (_, tk) => tk.apps ? tk.apps.join(", ") : t("tokens.allApps") },
    { title: t("tokens.col.lastUsed"), render: (_, tk) => when(tk.last_used_at, t("tokens.unused")), responsive: ["lg"] },
    { title: t("tokens.col.expires"), render: (_, tk) => when(tk.expires_at, t("tokens.never")) },
    { title: t("tokens.col.status"), render: (_, tk) => tag(tk) },
    { title: t("tokens.col.actions"), render: (_, tk) => revokeButton(tk) },
  ];
  return (
    <>
      <Checkbox checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} style={{ marginBottom: 12 }}>
        {t("tokens.activeOnly")}
      </Checkbox>
      {list.error !== undefined && <Typography.Text type="danger">{errorText(list.error, lang)}</Typography.Text>}
      {phone ? (
        <List loading={list.loading} dataSource={rows} locale={{ emptyText: t("tokens.empty") }}
          renderItem={(tk) => (
            <Card size="small" style={{ marginBottom: 8 }} title={tk.name} extra={tag(tk)}>
              <Space orientation="vertical" size={2}>
                {everyone && <Typography.Text>{owner(tk)}</Typography.Text>}
                <Typography.Text code>{tk.display ?? `trl_${tk.prefix}_…`}</Typography.Text>
                <Typography.Text type="secondary">{t("tokens.col.expires")}:{when(tk.expires_at, t("tokens.never"))}</Typography.Text>
                {revokeButton(tk)}
              </Space>
            </Card>
          )} />
      ) : (
        <Table<TokenRow> rowKey="id" size="middle" loading={list.loading} dataSource={rows} columns={columns}
          locale={{ emptyText: t("tokens.empty") }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }} data-testid={everyone ? "tokens-all" : "tokens-mine"} />
      )}
    </>
  );
}

export default function TokensPage() {
  const { t } = useAdminText();
  const { lang } = useLang();
  const { me, apps } = useSession();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ name: string; token: string }>();
  const [tick, setTick] = useState(0);
  const [form] = Form.useForm<{ name: string; days: number | 0; apps: string[] }>();
  const { message } = App.useApp();
  const mine = useState(() => () => tokensApi.mine())[0];
  const all = useState(() => () => tokensApi.all())[0];

  const create = async (v: { name: string; days: number; apps: string[] }) => {
    setBusy(true);
    try {
      const row = await tokensApi.create({ name: v.name.trim(), apps: v.apps?.length ? v.apps : null,
        ...(v.days ? { expires_in_days: v.days } : {}) });
      setCreating(false);
      form.resetFields();
      setMade({ name: row.name, token: row.token });
      setTick((n) => n + 1);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const own = <TokenList key={`mine-${tick}`} load={mine} revoke={tokensApi.revoke} everyone={false} />;
  return (
    <div data-testid="tokens-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t("tokens.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("tokens.intro")}</Typography.Paragraph>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }}
        data-testid="token-new">{t("tokens.create")}</Button>
      {me?.is_admin ? (
        <Tabs items={[
          { key: "mine", label: t("tokens.mine"), children: own },
          { key: "all", label: t("tokens.all"), children: <TokenList key={`all-${tick}`} load={all} revoke={tokensApi.revokeAny} everyone /> },
        ]} />
      ) : own}
      <Modal open={creating} title={t("tokens.create")} onCancel={() => setCreating(false)} onOk={() => form.submit()}
        confirmLoading={busy} okText={t("tokens.ok")} cancelText={t("tokens.cancel")} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ days: 90, apps: [] }} requiredMark={false}>
          <Form.Item name="name" label={t("tokens.name")} rules={[{ required: true, whitespace: true, message: t("tokens.required") }]}>
            <Input maxLength={100} placeholder={t("tokens.namePlaceholder")} data-testid="token-name" />
          </Form.Item>
          <Form.Item name="days" label={t("tokens.expiry")}>
            <Select options={[...DAYS.map((n) => ({ value: n, label: t("tokens.days", { n }) })), { value: 0, label: t("tokens.never") }]} />
          </Form.Item>
          <Form.Item name="apps" label={t("tokens.apps")}>
            <Select mode="multiple" placeholder={t("tokens.allApps")}
              options={apps.map((a) => ({ value: a.id, label: typeof a.label === "string" ? a.label : (lang === "en" ? a.label?.en : a.label?.zh) || a.id }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnce open={made !== undefined} title={t("tokens.onceTitle")} intro={t("tokens.onceIntro", { name: made?.name })}
        secret={made?.token ?? ""} hint={t("tokens.onceHint")} done={t("tokens.done")} copy={t("tokens.copy")}
        copied={t("tokens.copied")} onClose={() => setMade(undefined)} />
    </div>
  );
}
