/** Sign in with username and password (`POST /security/login`). */
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { ApiError, api, errorText } from "../api/client";
import { metaCache } from "../api/cache";
import logo from "../assets/favicon.svg";
import { useLang } from "../i18n/text";
import { afterSignIn } from "../me/api";
import LanguageSwitch from "./LanguageSwitch";
import { useSession } from "./SessionContext";

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.login(values.username.trim(), values.password);
      metaCache.clear();
      refresh();
      const next = params.get("next");
      navigate(await afterSignIn(next && next.startsWith("/") && !next.startsWith("//") ? next : "/"), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="trellis-login">
      <Card
        title={<span style={{ display: "flex", alignItems: "center", gap: 8 }}><img src={logo} width={24} alt="" />{t("login.welcome")}</span>}
        extra={<LanguageSwitch />}
      >
        <Typography.Paragraph type="secondary">{t("app.tagline")}</Typography.Paragraph>
        {error !== undefined && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("login.failed")} description={error instanceof ApiError && error.status === 401 ? t("login.badCredentials") : errorText(error, lang)} />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t("login.username")}
            rules={[{ required: true, message: t("login.required", { what: t("login.username") }) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")}
            rules={[{ required: true, message: t("login.required", { what: t("login.password") }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t("login.submit")}</Button>
        </Form>
      </Card>
    </div>
  );
}
