/** The first rows of the chosen sheet under their headers (blank headers named by column letter). */
import { Table } from "antd";
import { cellText, columnLetter } from "./mapping";
import { useImportText } from "./i18n";

interface Props {
  headers: string[];
  rows: unknown[][];
}

export default function PreviewTable({ headers, rows }: Props) {
  const { t } = useImportText();
  const columns = headers.map((h, i) => ({
    key: String(i),
    title: <span title={columnLetter(i)}>{h || t("columnN", { n: columnLetter(i) })}</span>,
    ellipsis: true,
    width: 140,
    render: (_: unknown, row: { cells: unknown[] }) => cellText(row.cells[i]),
  }));
  const data = rows.map((cells, i) => ({ key: i, cells }));
  return (
    <Table size="small" bordered columns={columns} dataSource={data} pagination={false} scroll={{ x: "max-content" }}
      data-testid="import-preview" />
  );
}
