/** Sub-table: editable child rows, each cell edited with the child field's own widget. A cell
 * with a problem (the browser's check or the server's answer) is outlined and says what is wrong. */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Spin, Table, Tooltip, Typography } from "antd";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/text";
import { widgetFor } from "../lookup";
import type { WidgetProps } from "../types";

type Row = Record<string, unknown>;

export default function SubTableWidget({ field, value, onChange, disabled, ctx, cellErrors }: WidgetProps) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const rows: Row[] = Array.isArray(value) ? (value as Row[]) : [];
  const children = (field.fields ?? []).filter((c) => !c.deleted);
  const setRows = (next: Row[]) => onChange(next.length ? next : undefined);
  const setCell = (index: number, key: string, v: unknown) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, [key]: v } : r)));
  const full = field.max_rows != null && rows.length >= field.max_rows;

  const columns = children.map((child) => {
    const Widget = widgetFor(child.type);
    return {
      key: child.id,
      title: <span>{child.required && <span className="trellis-required">*</span>}{tx(child.label, child.id)}</span>,
      render: (_: unknown, row: Row, index: number) => {
        const errors = cellErrors?.[index]?.[child.id] ?? [];
        return (
          <div className="trellis-subtable-cell" data-row={index} data-col={child.id} data-invalid={errors.length ? "true" : undefined}>
            <Suspense fallback={<Spin size="small" />}>
              <Widget field={child} value={row[child.id]} compact ctx={ctx} disabled={disabled || child.readonly}
                invalid={errors.length > 0} onChange={(v) => setCell(index, child.id, v)} />
            </Suspense>
            {errors.length > 0 && (
              <Typography.Text type="danger" role="alert" className="trellis-cell-error"
                style={{ display: "block", fontSize: 12, lineHeight: "18px", marginTop: 2 }}>
                {errors.join("; ")}
              </Typography.Text>
            )}
          </div>
        );
      },
    };
  });
  if (!disabled) {
    columns.push({
      key: "__remove",
      title: <span />,
      render: (_: unknown, _row: Row, index: number) => (
        <Tooltip title={t("record.removeRow")}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("record.removeRow")}
            onClick={() => setRows(rows.filter((_r, i) => i !== index))} />
        </Tooltip>
      ),
    });
  }
  return (
    <div className="trellis-subtable">
      <Table<Row> size="small" bordered pagination={false} rowKey={(_r, i) => String(i)}
        columns={columns} dataSource={rows} scroll={{ x: "max-content" }}
        rowClassName={(_r, i) => (cellErrors?.[i] ? "trellis-subtable-row-invalid" : "")} />
      {!disabled && (
        <Button type="dashed" block icon={<PlusOutlined />} disabled={full} style={{ marginTop: 8 }}
          onClick={() => setRows([...rows, {}])}>
          {t("record.addRow")}
        </Button>
      )}
    </div>
  );
}
