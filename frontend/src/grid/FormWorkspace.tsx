/** A form's records (optionally through a saved view): header, toolbar, table / kanban / calendar,
 * bulk actions, and the record drawer for create and edit. */
import { Spin } from "antd";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import type { FormDef, RecordRow, ViewDef } from "../api/types";
import RecordDrawer from "../record/RecordDrawer";
import BulkBar from "./BulkBar";
import GridHeader from "./GridHeader";
import GridToolbar from "./GridToolbar";
import { expandFor, initialState, type GridState } from "./gridState";
import RecordTable from "./RecordTable";
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
  const navigate = useNavigate();
  const [state, setState] = useState<GridState>(() => initialState(def, view));
  const [paging, setPaging] = useState<Paging>("pages");
  const [pageSize, setPageSize] = useState(50);
  const [selected, setSelected] = useState<RecordRow[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const ctx = useMemo(() => ({ app, form: def.id }), [app, def.id]);
  const expand = useMemo(() => expandFor(def, state.columns), [def, state.columns]);
  const fields = useMemo(() => [...new Set([...state.columns, ...(def.title_field ? [def.title_field] : [])])], [state.columns, def.title_field]);

  const list = useRecordList({
    app, form: def.id, filter: state.filter, sort: state.sort, q: state.q, fields, expand, pageSize, paging,
    defs: def.fields,
  });
  const change = useCallback((patch: Partial<GridState>) => setState((s) => ({ ...s, ...patch })), []);
  const open = useCallback((row: RecordRow) => navigate(`/apps/${app}/forms/${def.id}/records/${row.id}`), [navigate, app, def.id]);
  const onEdit = useCallback((row: RecordRow) => setEditing({ mode: "edit", id: row.id }), []);

  return (
    <div className="trellis-card">
      <GridHeader app={app} def={def} view={view} state={state} count={list.count} countExact={list.countExact}
        onCreate={() => setEditing({ mode: "create" })} />
      <GridToolbar app={app} def={def} state={state} onChange={change} paging={paging} onPaging={setPaging} view={view}
        onResetView={view ? () => setState(initialState(def, view)) : undefined} />
      {state.mode === "grid" && (
        <>
          <BulkBar def={def} ctx={ctx} selected={selected} onClear={() => setSelected([])} onDone={list.reload} />
          <RecordTable def={def} list={list} columns={state.columns} sort={state.sort} onSort={(sort) => change({ sort })}
            paging={paging} pageSize={pageSize} onPageSize={setPageSize} ctx={ctx} expand={expand}
            selected={selected} onSelect={setSelected} onEdit={onEdit} />
        </>
      )}
      <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
      {state.mode === "kanban" && (
        <KanbanBoard def={def} ctx={ctx} filter={state.filter} q={state.q} sort={state.sort} groupBy={state.groupBy}
          columns={state.columns} onOpen={open} />
      )}
      {state.mode === "calendar" && (
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
