/** A batch's status as a coloured tag (with a "dry run" tag beside it when it wrote nothing). */
import { Space, Tag } from "antd";
import type { ImportBatch } from "../api/types";
import { useImportText } from "./i18n";

const COLORS = { queued: "default", running: "processing", done: "success", failed: "error", cancelled: "warning", rolled_back: "purple" } as const;

export default function BatchStatusTag({ batch }: { batch: Pick<ImportBatch, "status" | "dry_run"> }) {
  const { t } = useImportText();
  return (
    <Space size={4}>
      <Tag color={COLORS[batch.status]} data-testid="batch-status">{t(`status.${batch.status}`)}</Tag>
      {batch.dry_run && <Tag>{t("dryTag")}</Tag>}
    </Space>
  );
}
