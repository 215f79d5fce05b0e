/** The users page (system administrators): search and filter by department, role and status;
 * create (the initial password shown once), edit, reset a password, deactivate or reactivate
 * after a confirmation, import from Excel. A table on a desktop, a list of cards on a phone. */
import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, Dropdown, Input, List, Select, Space, Table, Tag, TreeSelect, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useDepartmentTree } from "../../hooks/useDepartmentTree";
import { useLang } from "../../i18n/text";
import { usePhone } from "../../shell/usePhone";
import { useAdminText } from "../i18n";
import { usersApi, type AdminUser, type UserQuery } from "./api";
import ImportDrawer from "./ImportDrawer";
import SecretOnce from "./SecretOnce";
import UserDrawer from "./UserDrawer";
import { useRoleChoices } from "./useRoleChoices";
import "./users.css";

const PAGE = 20;
const testId = (id: string) => ({ "data-testid": id }) as Record<`data-${string}`, string>;

export default function UsersPage() {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const { modal, message } = App.useApp();
  const phone = usePhone();
  const tree = useDepartmentTree();
  const roles = useRoleChoices();
  const [query, setQuery] = useState<UserQuery>({ limit: PAGE, offset: 0 });
  const [editing, setEditing] = useState<AdminUser | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [secret, setSecret] = useState<{ intro: string; value: string }>();
  const list = useAsync(() => usersApi.list(query), [JSON.stringify(query)]);
  const filter = (patch: Partial<UserQuery>) => setQuery((q) => ({ ...q, ...patch, offset: 0 }));

  const fail = (err: unknown) => message.error(errorText(err, lang));
  const setActive = (u: AdminUser, active: boolean) => modal.confirm({
    title: t(active ? "users.confirm.activate" : "users.confirm.deactivate", { name: u.name }),
    content: active ? undefined : t("users.confirm.deactivateHelp"), okText: t("users.confirm.ok"),
    cancelText: t("users.confirm.cancel"), okButtonProps: { danger: !active, ...testId("confirm-ok") },
    onOk: () => usersApi.update(u.id, { active }).then(() => {
      message.success(t(active ? "users.done.activated" : "users.done.deactivated", { name: u.name }));
      list.reload();
    }, fail),
  });
  const reset = (u: AdminUser) => modal.confirm({
    title: t("users.confirm.reset", { name: u.name }), content: t("users.confirm.resetHelp"),
    okText: t("users.confirm.ok"), cancelText: t("users.confirm.cancel"),
    okButtonProps: testId("confirm-ok"),
    onOk: () => usersApi.resetPassword(u.id).then((r) => {
      if (r.password) setSecret({ intro: t("users.once.reset", { username: u.username }), value: r.password });
      list.reload();
    }, fail),
  });

  const actions = (u: AdminUser) => ({
    items: [
      { key: "edit", label: t("users.edit") },
      { key: "reset", label: t("users.reset") },
      u.active ? { key: "off", label: t("users.deactivate"), danger: true } : { key: "on", label: t("users.activate") },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === "edit") setEditing(u);
      else if (key === "reset") reset(u);
      else setActive(u, key === "on");
    },
  });
  const status = (u: AdminUser) => <Space size={4} wrap>
    {u.active ? <Tag color="green">{t("users.active")}</Tag> : <Tag>{t("users.inactive")}</Tag>}
    {u.must_change_password && <Tag color="orange">{t("users.mustChange")}</Tag>}
  </Space>;
  const depts = (u: AdminUser) => u.departments.map((d) => tx({ zh: d.name, en: d.name_en ?? undefined })).join("、");
  const roleTags = (u: AdminUser) => u.roles.map((r) => <Tag key={r}>{roles.label(r)}</Tag>);
  const when = (s: string | null) => (s ? new Date(s).toLocaleString(lang === "en" ? "en-GB" : "zh-CN") : t("users.never"));

  const columns: ColumnsType<AdminUser> = [
    { title: t("users.col.username"), dataIndex: "username", render: (v: string, u) =>
      <Typography.Link onClick={() => setEditing(u)}>{v}</Typography.Link> },
    { title: t("users.col.name"), dataIndex: "name" },
    { title: t("users.col.departments"), render: (_, u) => depts(u) },
    { title: t("users.col.roles"), render: (_, u) => roleTags(u) },
    { title: t("users.col.status"), render: (_, u) => status(u) },
    { title: t("users.col.lastLogin"), dataIndex: "last_login", render: when, responsive: ["lg"] },
    { title: t("users.col.actions"), width: 220, render: (_, u) => <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => setEditing(u)}>{t("users.edit")}</Button>
      <Button type="link" size="small" onClick={() => reset(u)}>{t("users.reset")}</Button>
      {u.active
        ? <Button type="link" size="small" danger onClick={() => setActive(u, false)} data-testid={`deactivate-${u.username}`}>{t("users.deactivate")}</Button>
        : <Button type="link" size="small" onClick={() => setActive(u, true)} data-testid={`activate-${u.username}`}>{t("users.activate")}</Button>}
    </Space> },
  ];
  const pagination = {
    current: Math.floor((query.offset ?? 0) / PAGE) + 1, pageSize: PAGE, total: list.data?.total ?? 0,
    showTotal: (n: number) => t("users.total", { n }), size: "small" as const,
    onChange: (page: number) => setQuery((q) => ({ ...q, offset: (page - 1) * PAGE })),
  };

  return (
    <div data-testid="users-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t("users.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("users.intro")}</Typography.Paragraph>
      <div className="trellis-admin-toolbar">
        <Input.Search allowClear placeholder={t("users.search")} onSearch={(q) => filter({ q })} data-testid="users-search" />
        <TreeSelect allowClear treeData={tree} placeholder={t("users.anyDepartment")} treeDefaultExpandAll
          onChange={(v) => filter({ department: v ?? undefined })} popupMatchSelectWidth={false} />
        <Select allowClear placeholder={t("users.anyRole")} options={roles.options}
          onChange={(v) => filter({ role: v ?? undefined })} popupMatchSelectWidth={false} />
        <Select allowClear placeholder={t("users.anyStatus")} onChange={(v) => filter({ active: v === undefined ? undefined : v === "on" })}
          options={[{ value: "on", label: t("users.active") }, { value: "off", label: t("users.inactive") }]} />
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-new">{t("users.create")}</Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="user-import">{t("users.import")}</Button>
        </Space>
      </div>
      {list.error !== undefined && <Typography.Text type="danger">{errorText(list.error, lang)}</Typography.Text>}
      {phone ? (
        <List loading={list.loading} dataSource={list.data?.items ?? []} pagination={pagination} data-testid="users-list"
          renderItem={(u) => (
            <Card size="small" style={{ marginBottom: 8 }} title={<span>{u.name} <Typography.Text type="secondary">{u.username}</Typography.Text></span>}
              extra={<Dropdown menu={actions(u)} trigger={["click"]}><Button size="small">…</Button></Dropdown>}>
              <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                {status(u)}
                {u.departments.length > 0 && <Typography.Text>{depts(u)}</Typography.Text>}
                {u.roles.length > 0 && <div>{roleTags(u)}</div>}
              </Space>
            </Card>
          )} />
      ) : (
        <Table<AdminUser> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []}
          columns={columns} pagination={pagination} scroll={{ x: "max-content" }} data-testid="users-table" />
      )}
      {editing !== undefined && (
        <UserDrawer user={editing} onClose={() => setEditing(undefined)} onSaved={(u, password) => {
          setEditing(undefined);
          message.success(password === null && editing ? t("users.form.saved") : t("users.form.created", { name: u.name }));
          if (password) setSecret({ intro: t("users.once.created", { username: u.username }), value: password });
          list.reload();
        }} />
      )}
      {importing && <ImportDrawer onClose={() => setImporting(false)} onDone={list.reload} />}
      <SecretOnce open={secret !== undefined} title={t("users.once.title")} intro={secret?.intro} secret={secret?.value ?? ""}
        hint={t("users.once.hint")} done={t("users.once.done")} copy={t("users.once.copy")} copied={t("users.once.copied")}
        onClose={() => setSecret(undefined)} />
    </div>
  );
}
