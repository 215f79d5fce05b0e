/** The `table` chart: the report's rows as an antd table, dimensions by their labels, measures
 * formatted in full and sortable, the totals as a summary row; a row click drills down. */
import { Table } from "antd";
import type { TableColumnsType } from "antd";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { dimensionText, formatFigure } from "./format";
import { useReportsText } from "./i18n";
import type { Cell, ReportData } from "./types";

interface Row {
  key: number;
  cells: Cell[];
}

export interface DataTableProps {
  data: ReportData;
  lang: Lang;
  onDrill?: (at: Record<string, Cell>) => void;
  /** the table's body height in a dashboard tile (it scrolls inside) */
  bodyHeight?: number;
}

const compare = (a: Cell, b: Cell) => {
  if (a == null) return b == null ? 0 : -1;
  if (b == null) return 1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
};

export default function DataTable({ data, lang, onDrill, bodyHeight }: DataTableProps) {
  const { t } = useReportsText();
  const rows: Row[] = data.rows.map((cells, key) => ({ key, cells }));
  const columns: TableColumnsType<Row> = data.columns.map((c, i) => ({
    key: c.id,
    title: textOf(c.label, lang, c.id),
    align: c.kind === "measure" ? "right" : "left",
    sorter: (a: Row, b: Row) => compare(a.cells[i], b.cells[i]),
    render: (_: unknown, row: Row) => (c.kind === "measure" ? formatFigure(row.cells[i], c.format, lang)
      : dimensionText(c, row.cells[i], lang)),
    ellipsis: c.kind === "dimension",
  }));
  const dims = data.columns.map((c, i) => [c, i] as const).filter(([c]) => c.kind === "dimension");
  const hasTotals = dims.length > 0 && data.columns.some((c) => c.kind === "measure" && data.totals?.[c.id] != null);
  return (
    <Table<Row>
      className="trr-table"
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 && !bodyHeight ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: "max-content", y: bodyHeight }}
      locale={{ emptyText: t("empty") }}
      onRow={onDrill ? (row) => ({
        onClick: () => onDrill(Object.fromEntries(dims.map(([c, i]) => [c.id, row.cells[i]]))),
        className: "trr-clickable",
      }) : undefined}
      summary={hasTotals ? () => (
        <Table.Summary fixed>
          <Table.Summary.Row className="trr-total-row">
            {data.columns.map((c, i) => (
              <Table.Summary.Cell key={c.id} index={i} align={c.kind === "measure" ? "right" : "left"}>
                {c.kind === "measure" ? formatFigure(data.totals[c.id], c.format, lang) : i === 0 ? t("pivot.total") : ""}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      ) : undefined}
    />
  );
}
