/** The refused cells of a finished run on screen (the server keeps the first 100): the row number
 * as in the file, the column (letter and header, or the field when it has no column) and the message. */
import { Grid, Table, Typography } from "antd";
import type { ImportBatch, ImportProblem } from "../api/types";
import { useLang } from "../i18n/text";
import { useImportText } from "./i18n";

interface Props {
  batch: ImportBatch;
  /** field id → its label, for a problem whose field has no column in the file */
  labels: ReadonlyMap<string, string>;
}

export default function ProblemsTable({ batch, labels }: Props) {
  const { t } = useImportText();
  const { tx } = useLang();
  const narrow = !Grid.useBreakpoint().md;
  const problems = batch.problems ?? [];
  if (!problems.length) return null;
  const where = (p: ImportProblem) => {
    if (p.column) return p.header ? `${p.column} · ${p.header}` : p.column;
    return p.field ? labels.get(p.field) ?? p.field : "";
  };
  const row = { key: "row", title: t("problems.row"), dataIndex: "row", width: narrow ? 56 : 72 };
  // a phone has no room for three columns: the column goes above the message
  const columns = narrow ? [row, {
    key: "message", title: t("problems.message"), render: (_: unknown, p: ImportProblem) => (
      <><Typography.Text type="secondary">{where(p)}</Typography.Text><div>{tx(p.message)}</div></>),
  }] : [
    row,
    { key: "column", title: t("problems.column"), width: 170, ellipsis: true, render: (_: unknown, p: ImportProblem) => where(p) },
    { key: "message", title: t("problems.message"), render: (_: unknown, p: ImportProblem) => tx(p.message) },
  ];
  const shown = problems.length < 100 ? "problems.all" : "problems.first";
  return (
    <div style={{ textAlign: "start", marginTop: 16 }} data-testid="import-problems">
      <Typography.Text strong>{t(shown, { n: problems.length, rows: batch.failed })}</Typography.Text>
      <Table size="small" bordered rowKey={(p) => `${p.row}-${p.field ?? ""}-${p.column ?? ""}`} columns={columns}
        dataSource={problems} pagination={false} scroll={{ y: 240 }} style={{ marginTop: 8 }} />
    </div>
  );
}
