/** 渠道: the app's configured channels (type, enabled, sent / failed in the last 7 days), added and
 * edited in a drawer, each with a "send test". */
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from "@ant-design/icons";
import { App, Button, Popconfirm, Result, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useErrorReport } from "../../hooks/useErrorReport";
import { useLang } from "../../i18n/text";
import { notifyApi } from "../api";
import { shortDate } from "../format";
import { useNotifyText } from "../i18n";
import type { ChannelInfo, ChannelType } from "../types";
import ChannelDrawer from "./ChannelDrawer";
import TestSendModal from "./TestSendModal";

export default function ChannelsTab({ app, types }: { app: string; types: ChannelType[] }) {
  const { t } = useNotifyText();
  const { tx, lang } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const { data, error, loading, reload } = useAsync(() => notifyApi.channels(app), [app]);
  const [editing, setEditing] = useState<ChannelInfo | null | undefined>(undefined);
  const [testing, setTesting] = useState<ChannelInfo | null>(null);
  const typeOf = (name: string) => types.find((x) => x.type === name);

  if (error) return <Result status="warning" title={errorText(error, lang)} extra={<Button onClick={reload}>{t("common.retry")}</Button>} />;
  const remove = (c: ChannelInfo) => notifyApi.deleteChannel(app, c.name).then(() => {
    message.success(t("channels.deleted", { name: c.name }));
    reload();
  }, report);

  const columns = [
    {
      key: "name", title: t("channels.name"), render: (_: unknown, c: ChannelInfo) => (
        <div>
          <Typography.Text strong>{c.name}</Typography.Text>
          {c.label && tx(c.label) && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{tx(c.label)}</Typography.Text></div>}
          {c.installed === false && <Tag color="warning">{t("channels.notInstalled")}</Tag>}
          {c.unreadable && <Tag color="error">{t("channels.unreadable")}</Tag>}
        </div>
      ),
    },
    { key: "type", title: t("channels.type"), render: (_: unknown, c: ChannelInfo) => tx(typeOf(c.type)?.label, c.type) },
    {
      key: "enabled", title: t("channels.enabled"), width: 90,
      render: (_: unknown, c: ChannelInfo) => (c.enabled ? <Tag color="green">{t("channels.enabled")}</Tag> : <Tag>{t("channels.disabled")}</Tag>),
    },
    { key: "sent", title: t("channels.sent"), width: 100, align: "right" as const, render: (_: unknown, c: ChannelInfo) => c.sent ?? 0 },
    {
      key: "failed", title: t("channels.failed"), width: 100, align: "right" as const,
      render: (_: unknown, c: ChannelInfo) => <span className={c.failed ? "trellis-negative" : undefined}>{c.failed ?? 0}</span>,
    },
    { key: "updated", title: t("channels.updated"), width: 150, responsive: ["md" as const], render: (_: unknown, c: ChannelInfo) => shortDate(c.updated_at) },
    {
      key: "actions", title: t("common.actions"), width: 110, fixed: "right" as const, render: (_: unknown, c: ChannelInfo) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<SendOutlined />} onClick={() => setTesting(c)} title={t("channels.test")}
            aria-label={`${t("channels.test")} ${c.name}`} data-testid={`test-${c.name}`} />
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} title={t("common.edit")}
            aria-label={`${t("common.edit")} ${c.name}`} data-testid={`edit-${c.name}`} />
          <Popconfirm title={t("channels.deleteConfirm", { name: c.name })} onConfirm={() => remove(c)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} title={t("common.delete")} aria-label={`${t("common.delete")} ${c.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="channels-tab">
      <div className="trellis-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="channel-add">{t("channels.add")}</Button>
      </div>
      <Table rowKey="name" size="middle" loading={loading} dataSource={data ?? []} columns={columns} pagination={false}
        scroll={{ x: "max-content" }} locale={{ emptyText: t("channels.empty") }} />
      <ChannelDrawer app={app} open={editing !== undefined} channel={editing ?? null} types={types}
        taken={(data ?? []).map((c) => c.name)} onClose={() => setEditing(undefined)}
        onSaved={() => { setEditing(undefined); reload(); }} />
      <TestSendModal app={app} channel={testing} type={testing ? typeOf(testing.type) : undefined}
        onClose={() => setTesting(null)} onSent={reload} />
    </div>
  );
}
