/** Step 5: what the batch did (or, on a dry run, would do): inserted / updated / skipped / failed,
 * the server's message, the refused cells on screen and the error workbook to download. */
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Col, Result, Row, Statistic } from "antd";
import type { ImportBatch } from "../api/types";
import { useLang } from "../i18n/text";
import { useImportText } from "./i18n";
import ProblemsTable from "./ProblemsTable";

interface Props {
  batch: ImportBatch;
  /** field id → label, for problems of fields without a column */
  labels: ReadonlyMap<string, string>;
  downloading: boolean;
  onDownloadErrors: () => void;
}

function resultStatus(b: ImportBatch): "success" | "warning" | "error" | "info" {
  if (b.status === "failed") return "error";
  if (b.status === "cancelled") return "warning";
  if (b.status === "rolled_back") return "info";
  return b.failed > 0 ? "warning" : "success";
}

function resultKey(b: ImportBatch): string {
  if (b.dry_run && b.status === "cancelled") return "dryCancelled";
  if (b.dry_run && b.status === "failed") return "dryFailed";
  if (b.dry_run) return "dryDone";
  return b.status === "queued" || b.status === "running" ? "done" : b.status;
}

export default function SummaryStep({ batch, labels, downloading, onDownloadErrors }: Props) {
  const { t } = useImportText();
  const { tx } = useLang();
  const title = t(`result.${resultKey(batch)}`);
  // the server's message says what happened; a dry run without one still says that nothing was written
  const notes = [batch.message ? tx(batch.message) : "", batch.dry_run && !batch.message ? t("dryNote") : ""].filter(Boolean);
  const stats = [
    { key: "inserted", label: batch.dry_run ? t("wouldInsert") : t("inserted"), value: batch.inserted, color: "#389e0d" },
    { key: "updated", label: batch.dry_run ? t("wouldUpdate") : t("updated"), value: batch.updated, color: "#1677ff" },
    { key: "skipped", label: t("skipped"), value: batch.skipped, color: undefined },
    { key: "failed", label: t("failed"), value: batch.failed, color: batch.failed ? "#cf1322" : undefined },
  ];
  return (
    <Result status={resultStatus(batch)} title={<span data-testid="summary-title">{title}</span>}
      subTitle={notes.length ? <span data-testid="summary-message">{notes.map((n) => <div key={n}>{n}</div>)}</span> : undefined}
      style={{ padding: "24px 0 8px" }}
      extra={batch.errors_url ? (
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={onDownloadErrors} data-testid="download-errors">
          {t("downloadErrors")}
        </Button>
      ) : undefined}>
      {batch.dry_run && batch.failed > 0 && batch.on_error === "all" && (
        <Alert type="warning" showIcon style={{ marginBottom: 16, textAlign: "start" }} data-testid="summary-all-or-nothing"
          title={t(batch.inserted + batch.updated > 0 ? "allOrNothing" : "allOrNothingNone", { n: batch.failed, valid: batch.inserted + batch.updated })} />
      )}
      <Row gutter={16} data-testid="import-summary">
        {stats.map((s) => (
          <Col xs={12} sm={6} key={s.key}>
            <Statistic title={s.label} value={s.value} styles={{ content: { color: s.color } }} data-testid={`summary-${s.key}`} />
          </Col>
        ))}
      </Row>
      <ProblemsTable batch={batch} labels={labels} />
    </Result>
  );
}
