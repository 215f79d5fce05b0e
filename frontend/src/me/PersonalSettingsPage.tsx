/** Personal settings (`/me/settings`): change one's password (first of all when an administrator
 * set it), the interface language kept on the server, and links to the notification preferences
 * and one's API tokens. */
import { Alert, App, Button, Card, Form, Input, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError, errorText } from "../api/client";
import { useAdminText } from "../admin/i18n";
import { useAsync } from "../hooks/useAsync";
import { setLanguage, type Lang } from "../i18n";
import { useLang } from "../i18n/text";
import { meApi } from "./api";

interface PasswordValues {
  current: string;
  next: string;
  confirm: string;
}

export default function PersonalSettingsPage() {
  const { t } = useAdminText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const prefs = useAsync(() => meApi.preferences(), []);
  const [form] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState(false);
  const mustChange = prefs.data?.must_change_password || params.get("password") === "required";

  const change = async (v: PasswordValues) => {
    setBusy(true);
    try {
      await meApi.changePassword(v.current, v.next);
      form.resetFields();
      message.success(t("me.changed"));
      prefs.reload();
      if (params.get("password") === "required") navigate("/me/settings", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        const names: Record<string, keyof PasswordValues> = { current: "current", new: "next" };
        form.setFields(err.errors.filter((e) => names[e.field ?? ""]).map((e) => ({
          name: names[e.field ?? ""], errors: [(lang === "en" ? e.message.en : e.message.zh) ?? ""] })));
      } else message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const chooseLanguage = (value: Lang) => {
    setLanguage(value);
    meApi.savePreferences(value).then(() => message.success(t("me.saved")), (err: unknown) => message.error(errorText(err, value)));
  };
  const required = (what: string) => [{ required: true, message: t("me.required", { what }) }];

  return (
    <div data-testid="personal-settings" style={{ maxWidth: 720, margin: "0 auto", padding: "0 0 24px" }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t("me.title")}</Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {mustChange && <Alert type="warning" showIcon title={t("me.mustChange")} data-testid="must-change" />}
        <Card title={t("me.password")} size="small">
          <Form<PasswordValues> form={form} layout="vertical" onFinish={change} requiredMark={false} style={{ maxWidth: 400 }}>
            <Form.Item name="current" label={t("me.current")} rules={required(t("me.current"))}>
              <Input.Password autoComplete="current-password" data-testid="pw-current" />
            </Form.Item>
            <Form.Item name="next" label={t("me.next")} extra={t("me.policy")} rules={required(t("me.next"))}>
              <Input.Password autoComplete="new-password" data-testid="pw-new" />
            </Form.Item>
            <Form.Item name="confirm" label={t("me.confirm")} dependencies={["next"]} rules={[...required(t("me.confirm")),
              ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue("next") ? Promise.resolve()
                : Promise.reject(new Error(t("me.mismatch")))) })]}>
              <Input.Password autoComplete="new-password" data-testid="pw-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="pw-submit">{t("me.change")}</Button>
          </Form>
        </Card>
        <Card title={t("me.language")} size="small">
          <Typography.Paragraph type="secondary">{t("me.languageHelp")}</Typography.Paragraph>
          <Radio.Group value={lang} onChange={(e) => chooseLanguage(e.target.value as Lang)} data-testid="language"
            options={[{ value: "zh", label: "中文" }, { value: "en", label: "English" }]} optionType="button" />
        </Card>
        <Card title={t("me.notifications")} size="small">
          <Typography.Paragraph type="secondary">{t("me.notificationsHelp")}</Typography.Paragraph>
          <Link to="/me/notifications">{t("me.open")}</Link>
        </Card>
        <Card title={t("me.tokens")} size="small">
          <Typography.Paragraph type="secondary">{t("me.tokensHelp")}</Typography.Paragraph>
          <Link to="/manage/tokens">{t("me.openTokens")}</Link>
        </Card>
      </Space>
    </div>
  );
}
