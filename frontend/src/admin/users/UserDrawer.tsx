/** Creating or editing a user: username (fixed once created), name, email, departments (the first
 * is the primary one), roles and, for a new user, a generated or chosen initial password. The
 * server's problems land on their fields. */
import { Alert, Button, Checkbox, Drawer, Form, Input, Radio, Select, Space, TreeSelect } from "antd";
import { useState } from "react";
import { ApiError, errorText } from "../../api/client";
import { useDepartmentTree } from "../../hooks/useDepartmentTree";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { usersApi, type AdminUser } from "./api";
import { useRoleChoices } from "./useRoleChoices";

interface Values {
  username: string;
  name: string;
  email?: string;
  departments: number[];
  roles: string[];
  passwordMode: "auto" | "set";
  password?: string;
  must_change_password: boolean;
}

interface Props {
  user: AdminUser | null;  // null: a new user
  onClose: () => void;
  onSaved: (user: AdminUser, initialPassword: string | null) => void;
}

export default function UserDrawer({ user, onClose, onSaved }: Props) {
  const { t } = useAdminText();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const tree = useDepartmentTree();
  const roles = useRoleChoices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const mode = Form.useWatch("passwordMode", form);
  const creating = user === null;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const common = { name: v.name, email: v.email?.trim() || null, departments: v.departments ?? [], roles: v.roles ?? [] };
      if (creating) {
        const made = await usersApi.create({
          ...common, username: v.username.trim(), must_change_password: v.must_change_password,
          ...(v.passwordMode === "set" ? { password: v.password } : {}),
        });
        onSaved(made, made.initial_password);
      } else {
        onSaved(await usersApi.update(user.id, common), null);
      }
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        form.setFields(err.errors.filter((e) => e.field).map((e) => ({
          name: e.field as keyof Values, errors: [(lang === "en" ? e.message.en : e.message.zh) ?? ""],
        })));
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = (what: string) => [{ required: true, whitespace: true, message: t("users.form.required", { what }) }];
  return (
    <Drawer open size={Math.min(520, window.innerWidth)} onClose={onClose} destroyOnHidden data-testid="user-drawer"
      title={creating ? t("users.form.createTitle") : t("users.form.editTitle", { name: user.name })}
      footer={<Space style={{ justifyContent: "flex-end", width: "100%" }}>
        <Button onClick={onClose}>{t("users.form.cancel")}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-save">{t("users.form.save")}</Button>
      </Space>}>
      {error !== undefined && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(error, lang)} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}
        initialValues={user ? { username: user.username, name: user.name, email: user.email ?? "",
          departments: user.departments.map((d) => d.id), roles: user.roles }
          : { passwordMode: "auto", must_change_password: true, departments: [], roles: [] }}>
        <Form.Item name="username" label={t("users.form.username")} extra={creating ? t("users.form.usernameHelp") : undefined}
          rules={creating ? required(t("users.form.username")) : []}>
          <Input disabled={!creating} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="name" label={t("users.form.name")} rules={required(t("users.form.name"))}>
          <Input maxLength={64} data-testid="user-name" />
        </Form.Item>
        <Form.Item name="email" label={t("users.form.email")} rules={[{ type: "email" }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="departments" label={t("users.form.departments")} extra={t("users.form.departmentsHelp")}>
          <TreeSelect treeData={tree} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title"
            style={{ width: "100%" }} data-testid="user-departments" />
        </Form.Item>
        <Form.Item name="roles" label={t("users.form.roles")}>
          <Select mode="multiple" options={roles.options} optionFilterProp="label" data-testid="user-roles" />
        </Form.Item>
        {creating && <>
          <Form.Item name="passwordMode" label={t("users.form.password")}>
            <Radio.Group options={[{ value: "auto", label: t("users.form.passwordAuto") },
              { value: "set", label: t("users.form.passwordSet") }]} />
          </Form.Item>
          {mode === "set" && (
            <Form.Item name="password" extra={t("users.form.passwordHelp")} rules={required(t("users.form.password"))}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item name="must_change_password" valuePropName="checked">
            <Checkbox>{t("users.form.mustChange")}</Checkbox>
          </Form.Item>
        </>}
      </Form>
    </Drawer>
  );
}
