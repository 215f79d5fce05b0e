/** The working calendar's API shapes (api/calendar.py). */
export type DaySource = "override" | "package" | "weekday";

export interface CalendarDay {
  day: string; // YYYY-MM-DD
  working: boolean;
  trading: boolean;
  note: string | null;
  source: DaySource;
  holiday?: { zh: string; en: string } | null;
  weekend?: boolean;
  package?: { working: boolean; trading: boolean };
  updated_by?: number | null;
  updated_at?: string | null;
}

export interface CalendarYear {
  year: number;
  known: boolean;
  days: CalendarDay[];
  working_hours?: string;
}

export interface DayWrite {
  working: boolean;
  trading: boolean;
  note: string | null;
}
