/** The grid header's import entry, shown to users who may create or update records: "导入" opens
 * the wizard; its menu opens the import history or downloads the template. The wizard and the
 * history load lazily, so the grid's own chunk stays small. An import left running in the
 * background (the wizard closed) is followed here, and the grid reloads when it ends. */
import { DownOutlined, HistoryOutlined, ImportOutlined, FileExcelOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Space } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { FormDef, ImportBatch } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { canGetTemplate, canImport } from "./access";
import { downloadAs } from "./download";
import { isFinal } from "./format";
import { useBatchPoll } from "./useBatchPoll";

const ImportWizard = lazy(() => import("./ImportWizard"));
const ImportHistory = lazy(() => import("./ImportHistory"));

interface Props {
  app: string;
  def: FormDef;
  /** the records changed (an import finished or was rolled back): reload the grid */
  onImported: () => void;
}

export default function ImportButton({ app, def, onImported }: Props) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const [open, setOpen] = useState<"wizard" | "history" | null>(null);
  // an import left running in the background: reload the grid when it ends
  const [background, setBackground] = useState<ImportBatch | null>(null);
  useBatchPoll(app, def.id, background, (b) => {
    if (!isFinal(b.status)) return;
    setBackground(null);
    message.info(t("imports.backgroundDone", { file: b.filename, status: tx(b.message, b.status) }));
    if (b.inserted + b.updated > 0) onImported();
  }, () => setBackground(null));
  if (!canImport(def)) return null;

  const template = async () => {
    const key = "import-template";
    message.loading({ key, content: t("imports.downloading"), duration: 0 });
    try {
      await downloadAs(api.importTemplate(app, def.id, lang), `${tx(def.label, def.id)}-${t("imports.template")}.xlsx`);
      message.destroy(key);
    } catch (err) {
      message.destroy(key);
      report(err);
    }
  };

  const items = [
    { key: "history", icon: <HistoryOutlined />, label: <span data-testid="import-history-open">{t("imports.history")}</span> },
    ...(canGetTemplate(def)
      ? [{ key: "template", icon: <FileExcelOutlined />, label: <span data-testid="import-template-menu">{t("imports.template")}</span> }]
      : []),
  ];
  return (
    <>
      <Space.Compact>
        <Button icon={<ImportOutlined />} onClick={() => setOpen("wizard")} data-testid="import-button">{t("imports.button")}</Button>
        <Dropdown trigger={["click"]} menu={{ items, onClick: ({ key }) => (key === "template" ? void template() : setOpen("history")) }}>
          <Button icon={<DownOutlined />} aria-label={t("imports.history")} data-testid="import-menu" />
        </Dropdown>
      </Space.Compact>
      <Suspense fallback={null}>
        {open === "wizard" && <ImportWizard app={app} def={def} onClose={() => setOpen(null)} onImported={onImported}
          onBackground={setBackground} />}
        {open === "history" && <ImportHistory app={app} def={def} onClose={() => setOpen(null)} onChanged={onImported} />}
      </Suspense>
    </>
  );
}
