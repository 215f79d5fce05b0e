/** What every input of the dashboard's filter bar takes: its filter, its value and a setter. */
import type { DashboardFilter } from "./types";

export interface FilterInputProps {
  filter: DashboardFilter;
  value: unknown;
  onChange: (value: unknown) => void;
  /** the filter's name, for screen readers */
  label: string;
}

/** A list value's items (ids and option values). */
export function listOf(value: unknown): (string | number)[] {
  return Array.isArray(value) ? value.filter((v): v is string | number => typeof v === "string" || typeof v === "number") : [];
}
