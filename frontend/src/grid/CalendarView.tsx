/** Records on a month calendar by a date or date-time field. */
import { Calendar, Empty, Popover, Spin } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { traitsOf } from "../api/fieldTypes";
import type { FormDef, JsonLogic, RecordRow } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { displayText } from "../registries/format";
import { andFilter, expandFor, isDateKind } from "./gridState";
import { remember } from "./useRecordList";

interface Props {
  def: FormDef;
  app: string;
  form: string;
  filter: JsonLogic;
  q: string;
  dateField?: string;
  columns: string[];
  onOpen: (row: RecordRow) => void;
}

const SHOWN_PER_DAY = 3;

export default function CalendarView({ def, app, form, filter, q, dateField, columns, onOpen }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const report = useErrorReport();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [rows, setRows] = useState<RecordRow[] | null>(null);
  const field = def.fields.find((f) => f.id === dateField && isDateKind(f));
  const label = def.fields.find((f) => f.id === def.title_field) ?? def.fields.find((f) => columns.includes(f.id) && f.id !== dateField);

  const start = month.startOf("month").startOf("week");
  const end = start.add(42, "day");
  const key = JSON.stringify([app, form, filter, q, dateField, start.format("YYYY-MM-DD")]);
  useEffect(() => {
    if (!field) return;
    let live = true;
    const fmt = traitsOf(field.type).sql_kind === "datetime" ? "YYYY-MM-DDT00:00:00" : "YYYY-MM-DD";
    const range = { and: [{ ">=": [{ var: field.id }, start.format(fmt)] }, { "<": [{ var: field.id }, end.format(fmt)] }] };
    const fields = [field.id, ...(label ? [label.id] : [])];
    setRows(null);
    api.list(app, form, { filter: andFilter(filter, range), q, sort: [field.id], fields, expand: expandFor(def, fields), limit: 1000, count: "none" })
      .then((reply) => { if (live) { remember(def.fields, reply.items); setRows(reply.items); } },
        (err: unknown) => { if (live) { report(err); setRows([]); } });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const byDay = useMemo(() => {
    const map = new Map<string, RecordRow[]>();
    for (const r of rows ?? []) {
      const day = String(r[field?.id ?? ""] ?? "").slice(0, 10);
      map.set(day, [...(map.get(day) ?? []), r]);
    }
    return map;
  }, [rows, field]);

  if (!field) return <Empty description={t("grid.noDateField")} />;
  const title = (r: RecordRow) => (label ? displayText(label, r[label.id], lang) : "") || `#${r.id}`;
  const item = (r: RecordRow) => (
    <li key={r.id}><a onClick={(e) => { e.stopPropagation(); onOpen(r); }}>{title(r)}</a></li>
  );

  return (
    <Spin spinning={rows === null}>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => { if (info.source !== "date") setMonth(d); }}
        cellRender={(d, info) => {
          if (info.type !== "date") return info.originNode;
          const items = byDay.get(d.format("YYYY-MM-DD")) ?? [];
          if (!items.length) return null;
          const rest = items.slice(SHOWN_PER_DAY);
          return (
            <ul className="trellis-cal-items">
              {items.slice(0, SHOWN_PER_DAY).map(item)}
              {rest.length > 0 && (
                <li>
                  <Popover title={d.format("YYYY-MM-DD")} content={<ul className="trellis-cal-items">{rest.map(item)}</ul>}>
                    <a onClick={(e) => e.stopPropagation()}>{t("grid.more", { n: rest.length })}</a>
                  </Popover>
                </li>
              )}
            </ul>
          );
        }}
      />
    </Spin>
  );
}
