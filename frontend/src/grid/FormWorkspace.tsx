/** A form's records (optionally through a saved view): header, toolbar, table / kanban / calendar,
 * bulk actions, the record drawer for create and edit, and the recycle bin (deleted records, each
 * restorable). What the grid shows (search, filter, sort, columns, mode, page, bin) lives in the
 * URL query string (urlState.ts): a reload or a copied link shows the same grid, and the back
 * button steps back through filters, sorts and pages (typing a search replaces the entry). */
import { Alert, App, Button, Spin } from "antd";
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { errorText } from "../api/client";
import type { FormDef, RecordRow, ViewDef } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import RecordDrawer from "../record/RecordDrawer";
import { restoreRecord } from "../record/recordApi";
import { usePhoneText } from "../shell/phoneText";
import { usePhone } from "../shell/usePhone";
import ViewNotice from "../views/ViewNotice";
import BulkBar from "./BulkBar";
import { cardFields } from "./cardFields";
import GridHeader from "./GridHeader";
import GridToolbar from "./GridToolbar";
import { expandFor, listFields, type GridState } from "./gridState";
import RecordCards from "./RecordCards";
import RecordTable from "./RecordTable";
import { applyChange, defaultUrl, readGridUrl, withBin, writeGridUrl, type GridUrl } from "./urlState";
import { useRecordList, type Paging } from "./useRecordList";

const KanbanBoard = lazy(() => import("./KanbanBoard"));
const CalendarView = lazy(() => import("./CalendarView"));

interface Props {
  app: string;
  def: FormDef;
  view?: ViewDef;
}

type Editing = { mode: "create" } | { mode: "edit"; id: number } | null;

export default function FormWorkspace({ app, def, view }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const url = useMemo(() => readGridUrl(def, view, params), [def, view, params]);
  const { state, bin } = url;
  const current = useRef(url);
  current.current = url;
  const [pagingChoice, setPaging] = useState<Paging>("pages");
  // a phone shows the records as cards that load on as they are scrolled, and has no room for a calendar
  const phone = usePhone();
  const { t: pt } = usePhoneText();
  const paging: Paging = phone ? "more" : pagingChoice;
  const mode = phone && state.mode === "calendar" ? "grid" : state.mode;
  const [selected, setSelected] = useState<RecordRow[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  /** a column just added with the chooser, for the table to bring into view */
  const [reveal, setReveal] = useState<{ id: string; at: number } | null>(null);
  const ctx = useMemo(() => ({ app, form: def.id }), [app, def.id]);
  const listed = useMemo(() => (phone ? cardFields(def, state.columns) : state.columns), [phone, def, state.columns]);
  const expand = useMemo(() => expandFor(def, listed), [def, listed]);
  const fields = useMemo(() => listFields(def, listed), [def, listed]);

  /** show another grid: a new history entry, or (typing a search) in place of the current one */
  const go = useCallback((next: GridUrl, replace = false) => {
    const search = writeGridUrl(def, view, next);
    if (search.toString() !== writeGridUrl(def, view, current.current).toString()) setParams(search, { replace });
  }, [def, view, setParams]);
  const change = useCallback((patch: Partial<GridState>, opts?: { replace?: boolean }) =>
    go(applyChange(current.current, patch), opts?.replace), [go]);
  const onPage = useCallback((page: number) => go({ ...current.current, page }), [go]);
  const onPageSize = useCallback((pageSize: number) => go({ ...current.current, pageSize, page: 1 }), [go]);
  const toggleBin = useCallback((on: boolean) => {
    setSelected([]);
    go(withBin(def, view, current.current, on));
  }, [go, def, view]);

  const list = useRecordList({
    app, form: def.id, filter: state.filter, sort: state.sort, q: state.q, fields, expand, pageSize: url.pageSize,
    paging, defs: def.fields, deleted: bin, page: url.page, onPage,
  });
  const open = useCallback((row: RecordRow) => navigate(`/apps/${app}/forms/${def.id}/records/${row.id}`), [navigate, app, def.id]);
  const onEdit = useCallback((row: RecordRow) => setEditing({ mode: "edit", id: row.id }), []);
  const { reload } = list;
  const restore = useCallback(async (row: RecordRow) => {
    setRestoring(row.id);
    try {
      await restoreRecord(app, def.id, row.id);
      const name = def.title_field && row[def.title_field] != null ? String(row[def.title_field]) : `#${row.id}`;
      message.success(t("grid.restored", { name }));
    } catch (err) {
      report(err);
    } finally {
      setRestoring(null);
      reload();
    }
  }, [app, def.id, def.title_field, message, t, report, reload]);
  const trash = useMemo(() => (bin ? { onRestore: (row: RecordRow) => void restore(row), restoring } : undefined),
    [bin, restore, restoring]);

  return (
    <div className="trellis-card">
      <GridHeader app={app} def={def} view={view} state={state} count={list.count} countExact={list.countExact}
        onCreate={() => setEditing({ mode: "create" })} bin={bin} onImported={list.reload} />
      <GridToolbar app={app} def={def} state={state} onChange={change} paging={paging} onPaging={setPaging} view={view}
        onResetView={view ? () => go(defaultUrl(def, view)) : undefined}
        bin={bin} onBin={def.actions.includes("delete") ? toggleBin : undefined}
        onColumnAdded={(id) => setReveal({ id, at: Date.now() })} />
      {!bin && <ViewNotice view={view} />}
      {phone && state.mode === "calendar" && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={pt("calendarNotice")} data-testid="phone-calendar-notice" />
      )}
      {list.error !== undefined && mode === "grid" && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("grid.loadFailed")}
          description={errorText(list.error, lang)} data-testid="grid-error"
          action={<Button size="small" onClick={list.reload}>{t("common.retry")}</Button>} />
      )}
      {bin && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t("grid.recycleBinHint")} data-testid="bin-banner"
          action={<Button size="small" onClick={() => toggleBin(false)}>{t("grid.backToRecords")}</Button>} />
      )}
      {mode === "grid" && phone && (
        <RecordCards def={def} list={list} fields={listed} ctx={ctx} onEdit={onEdit} trash={trash} />
      )}
      {mode === "grid" && !phone && (
        <>
          {!bin && <BulkBar def={def} ctx={ctx} selected={selected} onClear={() => setSelected([])} onDone={list.reload} />}
          <RecordTable def={def} list={list} columns={state.columns} sort={state.sort} onSort={(sort) => change({ sort })}
            paging={paging} pageSize={url.pageSize} onPageSize={onPageSize} ctx={ctx} expand={expand}
            selected={selected} onSelect={setSelected} onEdit={onEdit} trash={trash} reveal={reveal} />
        </>
      )}
      <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
      {state.mode === "kanban" && (
        <KanbanBoard def={def} ctx={ctx} filter={state.filter} q={state.q} sort={state.sort} groupBy={state.groupBy}
          columns={state.columns} onOpen={open} />
      )}
      {mode === "calendar" && (
        <CalendarView def={def} app={app} form={def.id} filter={state.filter} q={state.q} dateField={state.dateField}
          columns={state.columns} onOpen={open} />
      )}
      </Suspense>
      {editing && (
        <RecordDrawer app={app} def={def} id={editing.mode === "edit" ? editing.id : undefined}
          onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); list.reload(); }} />
      )}
    </div>
  );
}
