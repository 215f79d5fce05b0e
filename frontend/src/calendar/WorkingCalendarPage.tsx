/** /system/calendar: the working calendar of the instance (工作日历). A year as twelve month
 * grids, each day coloured working / holiday / make-up working day / working without trading /
 * weekend, days set by hand marked; clicking a day opens its form (administrators change it,
 * others read it). The year is kept in the address (?year=). Loaded on demand. */
import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, Button, InputNumber, Result, Space, Spin, Tooltip } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { useSession } from "../shell/SessionContext";
import { calendarApi } from "./api";
import DayEditor from "./DayEditor";
import { useCalendarText } from "./i18n";
import { KINDS, byMonth, kindOf, monthWeeks, summary } from "./model";
import type { CalendarDay } from "./types";
import "./calendar.css";

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function yearOf(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR ? n : new Date().getFullYear();
}

function monthName(month: number, lang: string): string {
  return lang === "en" ? new Intl.DateTimeFormat("en", { month: "long" }).format(new Date(Date.UTC(2000, month, 1)))
    : `${month + 1}月`;
}

export default function WorkingCalendarPage() {
  const { t } = useCalendarText();
  const { lang, tx } = useLang();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const year = yearOf(params.get("year"));
  const setYear = (y: number | null) => {
    if (y != null && y >= MIN_YEAR && y <= MAX_YEAR) setParams({ year: String(y) }, { replace: true });
  };
  const loaded = useAsync(() => calendarApi.year(year), [year]);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const days = useMemo(() => loaded.data?.days ?? [], [loaded.data]);
  const months = useMemo(() => byMonth(days), [days]);
  const counts = useMemo(() => summary(days), [days]);
  const weekdays = t("weekdays", { returnObjects: true }) as string[];
  const today = new Date();
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;

  const saved = (day: CalendarDay) => {
    if (loaded.data) loaded.setData({ ...loaded.data, days: loaded.data.days.map((d) => (d.day === day.day ? day : d)) });
    setEditing(null);
  };

  const header = (
    <div className="trellis-page-title trellis-calendar-head">
      <h2>{t("title")}</h2>
      <Space.Compact>
        <Button icon={<LeftOutlined />} aria-label={t("prevYear")} disabled={year <= MIN_YEAR} onClick={() => setYear(year - 1)} />
        <InputNumber aria-label={t("year")} value={year} min={MIN_YEAR} max={MAX_YEAR} precision={0} controls={false}
          onChange={(v) => setYear(typeof v === "number" ? v : null)} style={{ width: 80, textAlign: "center" }}
          data-testid="calendar-year" />
        <Button icon={<RightOutlined />} aria-label={t("nextYear")} disabled={year >= MAX_YEAR} onClick={() => setYear(year + 1)} />
      </Space.Compact>
      <span className="trellis-calendar-subtitle">{t("subtitle")}</span>
    </div>
  );

  if (loaded.error && !loaded.data) {
    return (
      <div className="trellis-calendar">
        {header}
        <Result status="warning" title={errorText(loaded.error, lang)} extra={<Button onClick={loaded.reload}>{t("retry")}</Button>} />
      </div>
    );
  }
  const ready = loaded.data && loaded.data.year === year;
  return (
    <div className="trellis-calendar">
      {header}
      {ready && !loaded.data?.known && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t("unknown", { year })} data-testid="calendar-unknown" />
      )}
      <div className="trellis-card">
        <div className="trellis-calendar-legend">
          {KINDS.map((k) => (
            <span key={k} className="trellis-calendar-legend-item">
              <span className={`trellis-calendar-swatch trellis-day-${k}`} />{t(`kinds.${k}`)}
            </span>
          ))}
          <span className="trellis-calendar-legend-item">
            <span className="trellis-calendar-swatch trellis-day-working trellis-day-override" />{t("override")}
          </span>
        </div>
        {ready && (
          <div className="trellis-calendar-summary">
            {t("summary", counts)}
            {loaded.data?.working_hours ? ` · ${t("hours", { hours: loaded.data.working_hours.replace(/,/g, ", ") })}` : ""}
          </div>
        )}
        {!ready ? <Spin size="large" style={{ display: "block", margin: "80px auto" }} /> : (
          <div className="trellis-calendar-months">
            {months.map((list, m) => (
              <section key={m} className="trellis-calendar-month" data-testid={`calendar-month-${m + 1}`}>
                <h3>{monthName(m, lang)}</h3>
                <table>
                  <thead><tr>{weekdays.map((w, i) => <th key={i} className={i >= 5 ? "trellis-calendar-we" : ""}>{w}</th>)}</tr></thead>
                  <tbody>
                    {monthWeeks(list).map((week, i) => (
                      <tr key={i}>
                        {week.map((d, j) => {
                          if (!d) return <td key={j} />;
                          const kind = kindOf(d);
                          const mark = kind === "holiday" ? t("marks.holiday") : kind === "makeup" ? t("marks.makeup") : null;
                          const tip = [t(`kinds.${kind}`), d.holiday ? tx(d.holiday) : null, d.note,
                            d.source === "override" ? t("override") : null].filter(Boolean).join(" · ");
                          const classes = ["trellis-calendar-day", `trellis-day-${kind}`,
                            d.source === "override" ? "trellis-day-override" : "", d.day === todayText ? "trellis-day-today" : ""];
                          return (
                            <td key={j}>
                              <Tooltip title={tip} mouseEnterDelay={0.3}>
                                <button type="button" className={classes.join(" ")} onClick={() => setEditing(d)}
                                  data-day={d.day} data-kind={kind} data-source={d.source} aria-label={`${d.day} ${tip}`}>
                                  {Number(d.day.slice(8))}
                                  {mark && <span className="trellis-day-mark">{mark}</span>}
                                </button>
                              </Tooltip>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
          </div>
        )}
      </div>
      <DayEditor day={editing} admin={Boolean(me?.is_admin)} onClose={() => setEditing(null)} onSaved={saved} />
    </div>
  );
}
