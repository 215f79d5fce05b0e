/** Drilling down from a figure: the server turns the clicked dimension values (with the
 * report's applied filters) into a form and a rule, and the grid opens with that filter. */
import { App } from "antd";
import { useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { errorText } from "../api/client";
import type { JsonLogic } from "../api/types";
import type { Lang } from "../i18n";
import { drillPath, reportsApi } from "./api";
import { useReportsText } from "./i18n";
import type { Cell } from "./types";

export function useDrill(app: string, report: string, filters: JsonLogic | undefined, lang: Lang) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useReportsText();
  return useCallback(async (at: Record<string, Cell>) => {
    try {
      const target = await reportsApi.drill(app, report, at, filters ?? undefined);
      navigate(drillPath(app, target));
    } catch (err) {
      void message.error(t("drill.failed", { msg: errorText(err, lang) }));
    }
  }, [app, report, filters, lang, navigate, message, t]);
}
