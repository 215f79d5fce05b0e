/** antd Table columns for a form: header labels, controlled multi-sort, editable cells, row actions;
 * in the recycle bin: read-only cells, the deletion time and a restore action per row. The title
 * column (the form's display field) comes first and stays put when the table scrolls sideways;
 * every header and cell carries its field id (`data-col`). */
import { EditOutlined, ExpandAltOutlined, UndoOutlined } from "@ant-design/icons";
import { Button, Space, Tooltip } from "antd";
import type { TableColumnType } from "antd";
import type { TFunction } from "i18next";
import { Link } from "react-router-dom";
import type { FieldDef, FormDef, RecordRow } from "../api/types";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { fieldTraits, traitsOf } from "../api/fieldTypes";
import { formatDateTime } from "../registries/format";
import type { WidgetContext } from "../registries/types";
import EditableCell from "./EditableCell";
import { isSortable, sortOrderOf } from "./gridState";

interface Options {
  def: FormDef;
  columns: string[];
  sort: string[];
  lang: Lang;
  t: TFunction;
  ctx: WidgetContext;
  expand: string[];
  onSaved: (row: RecordRow) => void;
  onEdit: (row: RecordRow) => void;
  /** remembers whether shift was held when a header was pressed */
  onHeaderPress: (shift: boolean) => void;
  /** the recycle bin: rows are deleted records, each with a restore button */
  trash?: { onRestore: (row: RecordRow) => void; restoring: number | null };
  /** a column to highlight (just added) */
  flash?: string | null;
}

/** A number column (not an id): right-aligned. */
const isNumber = (field: FieldDef) => fieldTraits(field).sql_kind === "number" && !traitsOf(field.type).references;

/** Column widths by the kind of value the field holds. */
const WIDTHS: Record<string, number> = { date: 120, datetime: 160, bool: 90 };

function width(field: FieldDef): number | undefined {
  return isNumber(field) ? 140 : WIDTHS[fieldTraits(field).sql_kind];
}

export function buildColumns(o: Options): TableColumnType<RecordRow>[] {
  const byId = new Map(o.def.fields.map((f) => [f.id, f]));
  const canEdit = o.def.actions.includes("update") && !o.trash;
  const ranked = o.sort.length > 1;
  const title = o.def.title_field && o.columns.includes(o.def.title_field) ? [o.def.title_field] : [];
  const order = [...title, ...o.columns.filter((id) => !title.includes(id))];
  const cols: TableColumnType<RecordRow>[] = order.flatMap((id) => {
    const field = byId.get(id);
    if (!field) return [];
    const rank = o.sort.findIndex((s) => s.replace(/^-/, "") === id);
    const isTitle = id === o.def.title_field;
    return [{
      key: id,
      dataIndex: id,
      title: (
        <span style={{ whiteSpace: "nowrap" }}>
          {textOf(field.label, o.lang, id)}
          {ranked && rank >= 0 && <span className="trellis-sort-rank">{rank + 1}</span>}
        </span>
      ),
      width: width(field),
      fixed: isTitle ? "left" : undefined,
      className: o.flash === id ? "trellis-col-flash" : undefined,
      align: isNumber(field) ? "right" : undefined,
      ellipsis: traitsOf(field.type).wide ? { showTitle: true } : undefined,
      sorter: isSortable(field),
      sortOrder: sortOrderOf(o.sort, id),
      showSorterTooltip: { title: o.t("grid.sortHint") },
      onHeaderCell: () => ({ "data-col": id, onMouseDown: (e: { shiftKey: boolean }) => o.onHeaderPress(e.shiftKey) }) as object,
      onCell: () => ({ "data-col": id }) as object,
      render: (_: unknown, row: RecordRow) => {
        const editable = canEdit && !field.readonly && traitsOf(field.type).inline_editable;
        const cell = <EditableCell field={field} record={row} ctx={o.ctx} editable={editable} expand={o.expand} onSaved={o.onSaved} />;
        if (!isTitle) return cell;
        if (o.trash) return <span style={{ fontWeight: 500 }}>{String(row[id] ?? `#${row.id}`)}</span>;
        return (
          <Space size={4}>
            <Link to={`/apps/${o.ctx.app}/forms/${o.ctx.form}/records/${row.id}`} style={{ fontWeight: 500 }}
              className="trellis-title-link" title={String(row[id] ?? "")}>
              {String(row[id] ?? `#${row.id}`)}
            </Link>
          </Space>
        );
      },
    }];
  });
  if (o.trash) return [...cols, ...trashColumns(o, o.trash)];
  cols.push({
    key: "__actions",
    title: o.t("common.actions"),
    fixed: "right",
    width: canEdit ? 96 : 60,
    render: (_: unknown, row: RecordRow) => (
      <Space size={0}>
        <Tooltip title={o.t("record.openFull")}>
          <Link to={`/apps/${o.ctx.app}/forms/${o.ctx.form}/records/${row.id}`} aria-label={o.t("record.openFull")}>
            <Button type="text" size="small" icon={<ExpandAltOutlined />} />
          </Link>
        </Tooltip>
        {canEdit && (
          <Tooltip title={o.t("common.edit")}>
            <Button type="text" size="small" icon={<EditOutlined />} aria-label={o.t("common.edit")} onClick={() => o.onEdit(row)} />
          </Tooltip>
        )}
      </Space>
    ),
  });
  return cols;
}

function trashColumns(o: Options, trash: NonNullable<Options["trash"]>): TableColumnType<RecordRow>[] {
  return [
    {
      key: "deleted_at",
      dataIndex: "deleted_at",
      title: o.t("grid.deletedAt"),
      width: 160,
      sorter: true,
      sortOrder: sortOrderOf(o.sort, "deleted_at"),
      showSorterTooltip: { title: o.t("grid.sortHint") },
      onHeaderCell: () => ({ onMouseDown: (e: { shiftKey: boolean }) => o.onHeaderPress(e.shiftKey) }),
      render: (v: unknown) => formatDateTime(v),
    },
    {
      key: "__actions",
      title: o.t("common.actions"),
      fixed: "right",
      width: 96,
      render: (_: unknown, row: RecordRow) => (
        <Button size="small" icon={<UndoOutlined />} loading={trash.restoring === row.id}
          onClick={() => trash.onRestore(row)} data-testid={`restore-${row.id}`}>
          {o.t("grid.restore")}
        </Button>
      ),
    },
  ];
}
