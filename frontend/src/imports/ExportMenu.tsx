/** The grid header's export: a dropdown "导出 Excel / 导出 CSV" that downloads `GET /export` with
 * the grid's filter, sort, search, visible columns and language (fetched with the token, then
 * saved), and the import template for users the server gives it to. */
import { DownloadOutlined, DownOutlined, FileExcelOutlined, FileTextOutlined } from "@ant-design/icons";
import { App, Button, Dropdown } from "antd";
import type { MenuProps } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { FormDef } from "../api/types";
import type { GridState } from "../grid/gridState";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { canGetTemplate } from "./access";
import { downloadAs } from "./download";
import { exportParams } from "./exportParams";

interface Props {
  app: string;
  def: FormDef;
  state: GridState;
}

export default function ExportMenu({ app, def, state }: Props) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const [busy, setBusy] = useState(false);
  const mayExport = def.actions.includes("export");
  const mayTemplate = canGetTemplate(def);
  if (!mayExport) return null;

  const run = async (key: string) => {
    const label = tx(def.label, def.id);
    const toast = "grid-export";
    setBusy(true);
    message.loading({ key: toast, content: key === "template" ? t("imports.downloading") : t("imports.exporting"), duration: 0 });
    try {
      if (key === "template") {
        await downloadAs(api.importTemplate(app, def.id, lang), `${label}-${t("imports.template")}.xlsx`);
        message.destroy(toast);
      } else {
        const format = key === "csv" ? "csv" : "xlsx";
        const name = await downloadAs(api.exportFile(app, def.id, exportParams(state, format, lang)),
          `${label}-${dayjs().format("YYYYMMDD-HHmm")}.${format}`);
        message.success({ key: toast, content: `${t("imports.exported")}: ${name}` });
      }
    } catch (err) {
      message.destroy(toast);
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const items: MenuProps["items"] = [
    { key: "xlsx", icon: <FileExcelOutlined />, label: <span data-testid="export-xlsx">{t("imports.exportXlsx")}</span> },
    { key: "csv", icon: <FileTextOutlined />, label: <span data-testid="export-csv">{t("imports.exportCsv")}</span> },
  ];
  if (mayTemplate) items.push({ type: "divider" }, { key: "template", icon: <DownloadOutlined />, label: <span data-testid="export-template">{t("imports.template")}</span> });
  return (
    <Dropdown trigger={["click"]} menu={{ items, onClick: ({ key }) => void run(key) }} disabled={busy}>
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-menu">
        {t("imports.export")} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
