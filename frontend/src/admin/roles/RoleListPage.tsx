/** The app's roles: name, description, members, the forms each opens and whether it is published;
 * create one from its Chinese name (the id is generated), copy, delete (refused while it has members). */
import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { metaCache } from "../../api/cache";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { roleApi } from "./api";
import type { RoleSummary } from "./api";
import { freshRoleId } from "./model";

type Dialog = { copyOf?: RoleSummary } | null;

export default function RoleListPage() {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const { app = "" } = useParams();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const roles = useAsync(() => roleApi.summaries(app), [app]);
  const forms = useAsync(() => metaCache.forms(app, true), [app]);
  const formLabel = useMemo(() => new Map((forms.data ?? []).map((f) => [f.id, tx(f.label, f.id)])), [forms.data, tx]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ label: string }>();
  const editor = (id: string) => navigate(`/apps/${encodeURIComponent(app)}/manage/roles/${encodeURIComponent(id)}`);

  const open = (copyOf?: RoleSummary) => {
    form.setFieldsValue({ label: copyOf ? t("roles.copyOf", { label: tx(copyOf.label, copyOf.id) }) : "" });
    setDialog({ copyOf });
  };
  const create = async ({ label }: { label: string }) => {
    setBusy(true);
    try {
      const id = freshRoleId((roles.data ?? []).map((r) => r.id));
      const base = dialog?.copyOf ? await roleApi.draft(app, dialog.copyOf.id) : { schema_version: 1 };
      await roleApi.save(app, id, { ...base, id, label: { zh: label.trim() } });
      message.success(t("roles.created"));
      setDialog(null);
      editor(id);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (r: RoleSummary) => {
    try {
      await roleApi.remove(app, r.id);
      message.success(t("roles.deleted"));
      roles.reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };

  return (
    <div className="trellis-roles" data-testid="role-list">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t("roles.title")}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open()} data-testid="role-new">{t("roles.new")}</Button>
      </Space>
      <Typography.Paragraph type="secondary">{t("roles.intro")}</Typography.Paragraph>
      {roles.error ? <Alert type="error" showIcon title={errorText(roles.error, lang)} /> : null}
      <List loading={roles.loading} dataSource={roles.data ?? []} grid={{ gutter: 12, xs: 1, sm: 1, md: 2, xl: 3 }}
        renderItem={(r) => (
          <List.Item>
            <Card size="small" data-testid={`role-${r.id}`} title={
              <Space wrap size={4}>
                <Typography.Link onClick={() => editor(r.id)} data-testid={`role-open-${r.id}`}>{tx(r.label, r.id)}</Typography.Link>
                {r.published_version ? <Tag color="green">{t("roles.publishedV", { v: r.published_version })}</Tag>
                  : <Tag color="orange">{t("roles.draftOnly")}</Tag>}
              </Space>
            } actions={[
              <Button key="e" type="link" size="small" icon={<EditOutlined />} onClick={() => editor(r.id)}>{t("roles.edit")}</Button>,
              <Button key="c" type="link" size="small" icon={<CopyOutlined />} onClick={() => open(r)}
                data-testid={`role-copy-${r.id}`}>{t("roles.copy")}</Button>,
              r.members > 0
                ? <Button key="d" type="link" size="small" danger disabled icon={<DeleteOutlined />} title={t("roles.cannotDelete", { n: r.members })}>
                  {t("roles.delete")}</Button>
                : <Popconfirm key="d" title={<div style={{ maxWidth: 260 }}>{t("roles.deleteConfirm", { label: tx(r.label, r.id) })}</div>}
                  onConfirm={() => remove(r)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`role-delete-${r.id}`}>{t("roles.delete")}</Button>
                </Popconfirm>,
            ]}>
              {r.description && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{tx(r.description)}</Typography.Paragraph>}
              <div style={{ marginBottom: 6 }}>
                <Typography.Text type="secondary">{t("roles.col.members")}: </Typography.Text>
                <span data-testid={`role-members-${r.id}`}>{r.members}</span>
              </div>
              <div>
                <Typography.Text type="secondary">{t("roles.col.forms")}: </Typography.Text>
                {r.all_forms && <Tag color="blue">{t("roles.allForms")}</Tag>}
                {r.forms.map((f) => <Tag key={f} style={{ marginBottom: 4 }}>{formLabel.get(f) ?? f}</Tag>)}
              </div>
            </Card>
          </List.Item>
        )} />
      <Modal open={dialog !== null} title={dialog?.copyOf ? t("roles.copy") : t("roles.new")} onCancel={() => setDialog(null)}
        onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden okButtonProps={{ "data-testid": "role-new-ok" }}>
        <Form form={form} layout="vertical" onFinish={create} preserve={false}>
          <Form.Item name="label" label={t("roles.labelPrompt")} rules={[{ required: true, whitespace: true, message: t("roles.labelRequired") }, { max: 100 }]}>
            <Input autoFocus data-testid="role-new-label" maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
