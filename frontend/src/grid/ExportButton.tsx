/** Export button: runs the CSV export with a progress bar; only shown with the `export` action. */
import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Modal, Progress } from "antd";
import dayjs from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { buildCsv, saveText, type ExportRequest } from "./exportCsv";

export default function ExportButton(props: Omit<ExportRequest, "lang">) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const cancelled = useRef(false);

  const run = async () => {
    cancelled.current = false;
    setProgress({ done: 0, total: null });
    try {
      const { csv, rows } = await buildCsv({ ...props, lang }, (done, total) => setProgress({ done, total }), () => cancelled.current);
      if (!cancelled.current) {
        saveText(csv, `${tx(props.def.label, props.def.id)}-${dayjs().format("YYYYMMDD-HHmm")}.csv`);
        message.success(t("grid.exported", { n: rows }));
      }
    } catch (err) {
      report(err);
    } finally {
      setProgress(null);
    }
  };

  const percent = progress?.total ? Math.min(99, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => void run()} loading={progress !== null}>{t("grid.export")}</Button>
      <Modal open={progress !== null} title={t("grid.export")} footer={null} closable
        onCancel={() => { cancelled.current = true; }} mask={{ closable: false }}>
        <Progress percent={percent} status="active" />
        <div>{t("grid.exporting", { done: progress?.done ?? 0, total: progress?.total ?? "?" })}</div>
      </Modal>
    </>
  );
}
