/** An API error as a page result (403, 404 or other), in the current language. */
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError, errorText } from "../api/client";
import { useLang } from "../i18n/text";

export default function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const status = error instanceof ApiError ? error.status : 0;
  const kind = status === 403 ? "403" : status === 404 ? "404" : "warning";
  return (
    <Result
      status={kind}
      title={status === 403 ? t("common.forbidden") : status === 404 ? t("common.notFound") : errorText(error, lang)}
      subTitle={status === 403 || status === 404 ? errorText(error, lang) : undefined}
      extra={[
        onRetry && <Button key="retry" onClick={onRetry}>{t("common.retry")}</Button>,
        <Link key="home" to="/"><Button type="primary">{t("common.home")}</Button></Link>,
      ]}
    />
  );
}
