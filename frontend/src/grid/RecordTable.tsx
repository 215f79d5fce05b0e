/** The records as an antd Table: page numbers or "load more", multi-sort, selection, inline edit;
 * or, in the recycle bin, the deleted records with a restore button each. A column just added
 * (`reveal`) is scrolled into view and highlighted for a moment. */
import { Table } from "antd";
import type { TableProps } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormDef, RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import type { WidgetContext } from "../registries/types";
import { toggleSort } from "./gridState";
import LoadMoreFooter from "./LoadMoreFooter";
import { buildColumns } from "./tableColumns";
import type { Paging, RecordList } from "./useRecordList";

interface Props {
  def: FormDef;
  list: RecordList;
  columns: string[];
  sort: string[];
  onSort: (sort: string[]) => void;
  paging: Paging;
  pageSize: number;
  onPageSize: (size: number) => void;
  ctx: WidgetContext;
  expand: string[];
  selected: RecordRow[];
  onSelect: (rows: RecordRow[]) => void;
  onEdit: (row: RecordRow) => void;
  /** the recycle bin (see buildColumns) */
  trash?: { onRestore: (row: RecordRow) => void; restoring: number | null };
  /** a column just added: bring it into view */
  reveal?: { id: string; at: number } | null;
}

export default function RecordTable(p: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const shift = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const { list } = p;

  const columns = useMemo(() => buildColumns({
    def: p.def, columns: p.columns, sort: p.sort, lang, t, ctx: p.ctx, expand: p.expand,
    onSaved: list.replace, onEdit: p.onEdit, onHeaderPress: (s) => { shift.current = s; }, trash: p.trash, flash,
  }), [p.def, p.columns, p.sort, lang, t, p.ctx, p.expand, list.replace, p.onEdit, p.trash, flash]);

  // scroll it to the middle of the table (so that neither the frozen title column nor the actions
  // column covers it), and again once its values are loaded; highlight it for a moment
  const { reveal } = p;
  useEffect(() => {
    if (!reveal || Date.now() - reveal.at > 5000) return;
    const body = box.current?.querySelector<HTMLElement>(".ant-table-body, .ant-table-content");
    const th = box.current?.querySelector<HTMLElement>(`th[data-col="${CSS.escape(reveal.id)}"]`);
    if (body && th) body.scrollTo({ left: th.offsetLeft - (body.clientWidth - th.offsetWidth) / 2, behavior: "smooth" });
  }, [reveal, list.loading]);
  useEffect(() => { if (reveal) setFlash(reveal.id); }, [reveal]);
  useEffect(() => {
    if (!flash) return;
    const done = window.setTimeout(() => setFlash(null), 2000);
    return () => window.clearTimeout(done);
  }, [flash]);

  const onChange: TableProps<RecordRow>["onChange"] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== "sort") return;
    const clicked = Array.isArray(sorter) ? sorter[sorter.length - 1] : sorter;
    const key = String(clicked?.columnKey ?? clicked?.field ?? "");
    if (key) p.onSort(toggleSort(p.sort, key, shift.current));
    shift.current = false;
  };

  const canSelect = !p.trash && (p.def.actions.includes("update") || p.def.actions.includes("delete"));
  return (
    <div ref={box}>
      <Table<RecordRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        onChange={onChange}
        scroll={{ x: "max-content" }}
        sticky
        locale={p.trash ? { emptyText: t("grid.binEmpty") } : undefined}
        rowSelection={canSelect ? {
          selectedRowKeys: p.selected.map((r) => r.id),
          preserveSelectedRowKeys: true,
          onChange: (_keys, rows) => p.onSelect(rows.filter(Boolean)),
        } : undefined}
        pagination={p.paging === "pages" ? {
          current: list.page,
          pageSize: p.pageSize,
          total: list.count ?? undefined,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showQuickJumper: list.countExact,
          onChange: (page, size) => {
            if (size !== p.pageSize) p.onPageSize(size);
            else list.setPage(page);
          },
        } : false}
      />
      {p.paging === "more" && <LoadMoreFooter list={list} />}
    </div>
  );
}
