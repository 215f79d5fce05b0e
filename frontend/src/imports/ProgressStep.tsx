/** Step 4: the running batch — progress bar, rows done of total, rows per second and time left. */
import { Flex, Progress, Typography } from "antd";
import type { ImportBatch } from "../api/types";
import { useLang } from "../i18n/text";
import { batchPercent, formatCount, formatDuration } from "./format";
import { useImportText } from "./i18n";

export default function ProgressStep({ batch }: { batch: ImportBatch }) {
  const { t } = useImportText();
  const { lang } = useLang();
  const title = batch.status === "queued" ? t("queued") : batch.dry_run ? t("dryRunning") : t("running");
  const total = batch.total ?? 0;
  return (
    <Flex vertical gap={16} style={{ padding: "32px 24px" }} data-testid="import-progress">
      <Typography.Title level={5} style={{ margin: 0 }}>{title}</Typography.Title>
      <Progress percent={batchPercent(batch)} status={batch.status === "failed" ? "exception" : "active"} />
      <Flex gap={24} wrap>
        <Typography.Text data-testid="progress-rows">
          {t("progress", { done: formatCount(batch.done, lang), total: batch.total == null ? "?" : formatCount(total, lang) })}
        </Typography.Text>
        {batch.rows_per_second != null && (
          <Typography.Text type="secondary" data-testid="progress-rate">{t("rate", { n: formatCount(batch.rows_per_second, lang) })}</Typography.Text>
        )}
        {batch.eta_seconds != null && (
          <Typography.Text type="secondary" data-testid="progress-eta">{t("eta", { t: formatDuration(batch.eta_seconds, lang) })}</Typography.Text>
        )}
      </Flex>
      {batch.failed > 0 && <Typography.Text type="danger">{t("failed")}: {formatCount(batch.failed, lang)}</Typography.Text>}
    </Flex>
  );
}
