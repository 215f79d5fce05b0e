/** The `pivot` chart: the assembled pivot (pivot.ts) as an antd table with grouped headers,
 * the row dimensions fixed on the left with merged cells, 小计 / 总计 rows in bold, cells
 * coloured by the report's scale; clicking a figure drills down to its records. */
import { Table } from "antd";
import type { TableColumnsType } from "antd";
import { useMemo, type HTMLAttributes } from "react";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { backgroundOf, backgroundScale } from "./colour";
import { formatFigure } from "./format";
import { useReportsText } from "./i18n";
import { buildPivot, type PivotHeader, type PivotLeaf, type PivotRow } from "./pivot";
import type { Cell, ReportData } from "./types";

export interface PivotTableProps {
  data: ReportData;
  lang: Lang;
  onDrill?: (at: Record<string, Cell>) => void;
  bodyHeight?: number;
}

export default function PivotTable({ data, lang, onDrill, bodyHeight }: PivotTableProps) {
  const { t } = useReportsText();
  const pivot = useMemo(() => buildPivot(data, lang, { subtotal: t("pivot.subtotal"), total: t("pivot.total") }),
    [data, lang, t]);
  const scale = useMemo(() => backgroundScale(pivot, data.chart?.colour), [pivot, data.chart]);
  const leaves = useMemo(() => new Map(pivot.leaves.map((l) => [l.key, l])), [pivot]);

  const columns = useMemo(() => {
    const figure = (h: PivotHeader, leaf: PivotLeaf) => ({
      key: h.key,
      title: h.title,
      align: "right" as const,
      render: (_: unknown, row: PivotRow) => formatFigure(row.cells[leaf.key], leaf.measure.format, lang),
      onCell: (row: PivotRow) => {
        const colour = row.kind === "detail" && leaf.kind === "detail" ? backgroundOf(scale, leaf.measure.id, row.cells[leaf.key]) : undefined;
        return {
          style: colour ? { background: colour.background, color: colour.color } : undefined,
          className: onDrill ? "trr-clickable" : undefined,
          onClick: onDrill ? () => onDrill({ ...row.at, ...leaf.at }) : undefined,
          "data-cell": leaf.key,
        } as HTMLAttributes<HTMLElement>;
      },
    });
    const header = (h: PivotHeader): TableColumnsType<PivotRow>[number] => {
      const leaf = leaves.get(h.key);
      if (leaf && !h.children) return figure(h, leaf);
      return { key: h.key, title: h.title, align: "center", children: (h.children ?? []).map(header) };
    };
    const side: TableColumnsType<PivotRow> = pivot.rowDims.map((d) => ({
      key: d.id,
      title: textOf(d.label, lang, d.id),
      fixed: "left",
      render: (_: unknown, row: PivotRow) => row.labels[d.id],
      onCell: (row: PivotRow) => ({ rowSpan: row.spans[d.id]?.rowSpan ?? 1, colSpan: row.spans[d.id]?.colSpan ?? 1 }),
    }));
    return [...side, ...pivot.headers.map(header)];
  }, [pivot, leaves, scale, lang, onDrill]);

  return (
    <Table<PivotRow>
      className="trr-table trr-pivot"
      size="small"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={pivot.rows}
      pagination={false}
      scroll={{ x: "max-content", y: bodyHeight }}
      locale={{ emptyText: t("empty") }}
      rowClassName={(row) => (row.kind === "detail" ? "" : `trr-${row.kind}-row`)}
    />
  );
}
