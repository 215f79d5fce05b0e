/** Show a failed write nicely: a stale version (409) offers a reload; field errors (422) name the fields. */
import { App } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../api/client";
import { textOf } from "../i18n/text";
import { useLang } from "../i18n/text";

export function useErrorReport() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message, modal } = App.useApp();

  return useCallback((err: unknown, onReload?: () => void) => {
    if (err instanceof ApiError && err.status === 409) {
      modal.confirm({
        title: t("grid.staleTitle"),
        content: t("grid.staleBody"),
        okText: t("grid.reloadRecord"),
        cancelText: t("common.close"),
        onOk: () => onReload?.(),
      });
      return;
    }
    if (err instanceof ApiError && err.errors.length) {
      const lines = err.errors.map((e) => (e.row ? `#${e.row} ` : "") + textOf(e.message, lang));
      message.error({ content: lines.join(lang === "en" ? "; " : ";"), duration: 6 });
      return;
    }
    message.error(errorText(err, lang));
  }, [t, lang, message, modal]);
}
