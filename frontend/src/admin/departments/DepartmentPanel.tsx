/** One department's details: its head (picked by searching people) and its members (added by
 * searching, removed after a confirmation); edit and delete buttons. */
import { App, Button, Card, Descriptions, List, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { departmentsApi, type DepartmentRow, type Member } from "./api";
import UserPicker from "./UserPicker";

interface Props {
  department: DepartmentRow;
  onEdit: () => void;
  onDelete: () => void;
  onChanged: () => void;
}

export default function DepartmentPanel({ department: d, onEdit, onDelete, onChanged }: Props) {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const members = useAsync(() => departmentsApi.members(d.id), [d.id]);
  const [adding, setAdding] = useState(false);
  const name = tx({ zh: d.name, en: d.name_en ?? undefined });
  const fail = (err: unknown) => message.error(errorText(err, lang));
  const who = (m: Member) => m.name && m.name !== m.username ? `${m.name} (${m.username})` : m.username ?? `#${m.user_id}`;
  const head = (members.data ?? []).find((m) => m.user_id === d.manager_id);

  const setManager = (id: number | null) => departmentsApi.update(d.id, { manager_id: id })
    .then(() => { message.success(t("departments.managerSaved")); onChanged(); }, fail);
  const save = (list: Member[], done: string) => departmentsApi.setMembers(d.id, list.map((m) => ({ user_id: m.user_id, is_primary: m.is_primary })))
    .then((items) => { members.setData(items); message.success(done); }, fail);
  const add = (id: number | null, label: string | null) => {
    setAdding(false);
    if (id === null || (members.data ?? []).some((m) => m.user_id === id)) return;
    void save([...(members.data ?? []), { user_id: id, username: null, name: null, is_primary: false }],
      t("departments.added", { name: label ?? id }));
  };
  const remove = (m: Member) => save((members.data ?? []).filter((x) => x.user_id !== m.user_id),
    t("departments.removed", { name: who(m) }));

  return (
    <Card title={name} data-testid="dept-panel" extra={<Space wrap>
      <Button size="small" onClick={onEdit} data-testid="dept-edit">{t("departments.rename")}</Button>
      <Popconfirm title={t("departments.deleteConfirm", { name })} description={t("departments.deleteHelp")}
        okText={t("departments.ok")} cancelText={t("departments.cancel")} onConfirm={onDelete}>
        <Button size="small" danger data-testid="dept-delete">{t("departments.delete")}</Button>
      </Popconfirm>
    </Space>}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }} items={[
        { key: "code", label: t("departments.code"), children: d.code },
        { key: "head", label: t("departments.manager"), children: (
          <div style={{ width: "100%", maxWidth: 320 }}>
            <UserPicker value={d.manager_id} placeholder={t("departments.noManager")} testId="dept-manager"
              current={d.manager_id ? { id: d.manager_id, label: head ? who(head) : `#${d.manager_id}` } : null}
              onChange={(id) => void setManager(id)} />
          </div>) },
      ]} />
      <Space style={{ justifyContent: "space-between", width: "100%", marginBottom: 8 }} wrap>
        <Typography.Text strong>{t("departments.members")} ({members.data?.length ?? 0})</Typography.Text>
        {adding
          ? <div style={{ width: 260, maxWidth: "100%" }}><UserPicker placeholder={t("departments.searchUser")} onChange={add} testId="member-picker" /></div>
          : <Button size="small" type="primary" onClick={() => setAdding(true)} data-testid="member-add">{t("departments.addMember")}</Button>}
      </Space>
      <List size="small" bordered loading={members.loading} dataSource={members.data ?? []} data-testid="dept-members"
        locale={{ emptyText: t("departments.noMembers") }}
        renderItem={(m) => (
          <List.Item actions={[
            <Popconfirm key="rm" title={t("departments.removeConfirm", { name: who(m), dept: name })}
              okText={t("departments.ok")} cancelText={t("departments.cancel")} onConfirm={() => remove(m)}>
              <Button type="link" size="small" danger>{t("departments.remove")}</Button>
            </Popconfirm>]}>
            <span style={{ minWidth: 0, overflowWrap: "anywhere" }}>{who(m)} {m.is_primary && <Tag>{t("departments.primary")}</Tag>}</span>
          </List.Item>
        )} />
    </Card>
  );
}
