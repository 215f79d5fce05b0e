/** The working calendar's REST calls: a year's days, an administrator's override, its reset. */
import { request } from "../api/client";
import type { CalendarDay, CalendarYear, DayWrite } from "./types";

const dayPath = (day: string) => `/calendar/days/${encodeURIComponent(day)}`;

export const calendarApi = {
  year: (year: number) => request<CalendarYear>("GET", "/calendar/days", { query: { year } }),
  save: (day: string, body: DayWrite) => request<CalendarDay>("PUT", dayPath(day), { body }),
  reset: (day: string) => request<CalendarDay>("DELETE", dayPath(day)),
};
