/** Records as a kanban board by a single-select field: a column per option; dropping a card
 * on another column changes the field (PATCH with the record's version). */
import { DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { App, Empty, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { traitsOf } from "../api/fieldTypes";
import type { FormDef, JsonLogic, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import type { WidgetContext } from "../registries/types";
import { andFilter, expandFor } from "./gridState";
import KanbanColumn, { type Lane } from "./KanbanColumn";
import { remember } from "./useRecordList";

interface Props {
  def: FormDef;
  ctx: WidgetContext;
  filter: JsonLogic;
  q: string;
  sort: string[];
  groupBy?: string;
  columns: string[];
  onOpen: (row: RecordRow) => void;
}

const EMPTY = "__empty";
const PER_LANE = 30;

export default function KanbanBoard({ def, ctx, filter, q, sort, groupBy, columns, onOpen }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const [lanes, setLanes] = useState<Lane[] | null>(null);
  const [tick, setTick] = useState(0);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const field = def.fields.find((f) => f.id === groupBy && traitsOf(f.type).groupable);
  const shown = def.fields.filter((f) => columns.includes(f.id) && f.id !== groupBy && f.id !== def.title_field).slice(0, 3);
  const fields = [def.title_field, ...shown.map((f) => f.id), groupBy].filter(Boolean) as string[];
  const expand = expandFor(def, fields);
  const key = JSON.stringify([ctx, filter, q, sort, groupBy, fields]);

  useEffect(() => {
    if (!field) return;
    let live = true;
    const specs = (field.options ?? []).map((o) => ({ key: o.value, value: o.value as string | null, label: tx(o.label, o.value), color: o.color }));
    if (!field.required) specs.push({ key: EMPTY, value: null, label: t("record.emptyValue"), color: undefined });
    setLanes(null);
    Promise.all(specs.map(async (spec) => {
      const cond = spec.value === null ? { is_empty: { var: field.id } } : { "==": [{ var: field.id }, spec.value] };
      const reply = await api.list(ctx.app, ctx.form, { filter: andFilter(filter, cond), q, sort, fields, expand, limit: PER_LANE });
      remember(def.fields, reply.items);
      return { ...spec, items: reply.items, count: reply.count, exact: reply.count_exact };
    })).then((loaded) => { if (live) setLanes(loaded); }, (err: unknown) => { if (live) { report(err); setLanes([]); } });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  if (!field) return <Empty description={t("grid.noGroupField")} />;
  if (!lanes) return <Spin style={{ display: "block", margin: 48 }} />;
  const draggable = def.actions.includes("update") && !field.readonly;

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const from = active.data.current?.lane as string | undefined;
    const row = active.data.current?.row as RecordRow | undefined;
    const to = over ? String(over.id) : undefined;
    if (!row || !to || !from || to === from) return;
    const target = lanes.find((l) => l.key === to);
    if (!target) return;
    const move = (rows: Lane[], r: RecordRow, src: string, dst: string, delta: number) => rows.map((l) => {
      if (l.key === src) return { ...l, items: l.items.filter((x) => x.id !== r.id), count: l.count != null ? l.count - delta : null };
      if (l.key === dst) return { ...l, items: [r, ...l.items], count: l.count != null ? l.count + delta : null };
      return l;
    });
    setLanes((old) => old && move(old, { ...row, [field.id]: target.value }, from, to, 1));
    try {
      const saved = await api.update(ctx.app, ctx.form, row.id, row.version, { [field.id]: target.value });
      setLanes((old) => old && old.map((l) => ({ ...l, items: l.items.map((x) => (x.id === row.id ? { ...x, version: saved.version } : x)) })));
      message.success(t("grid.moved", { to: target.label }));
    } catch (err) {
      setLanes((old) => old && move(old, row, to, from, 1));
      report(err, () => setTick((n) => n + 1));
    }
  };

  return (
    <DndContext sensors={sensors} onDragEnd={(e) => void onDragEnd(e)}>
      <div className="trellis-kanban">
        {lanes.map((lane) => (
          <KanbanColumn key={lane.key} lane={lane} titleField={def.title_field} fields={shown} ctx={ctx}
            draggable={draggable} onOpen={onOpen} />
        ))}
      </div>
    </DndContext>
  );
}
