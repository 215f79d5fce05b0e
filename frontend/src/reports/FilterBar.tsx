/** The dashboard's global filters above its tiles, one input per filter by its type (date
 * range, select, user, department; a filter the server lists options for picks among them). */
import type { ComponentType } from "react";
import { useLang } from "../i18n/text";
import DateRangeFilter from "./DateRangeFilter";
import DepartmentFilter from "./DepartmentFilter";
import type { FilterInputProps } from "./filterInput";
import type { FilterValues } from "./filterValues";
import OptionsFilter from "./OptionsFilter";
import type { DashboardFilter } from "./types";
import UserFilter from "./UserFilter";

/** The input of each filter type; an unknown type picks among its options. */
const INPUTS: Record<string, ComponentType<FilterInputProps>> = {
  date_range: DateRangeFilter, select: OptionsFilter, user: UserFilter, department: DepartmentFilter,
};

function inputOf(filter: DashboardFilter): ComponentType<FilterInputProps> {
  if (filter.options?.length && filter.type !== "date_range") return OptionsFilter;
  return INPUTS[filter.type] ?? OptionsFilter;
}

export interface FilterBarProps {
  filters: DashboardFilter[];
  values: FilterValues;
  onChange: (values: FilterValues) => void;
}

export default function FilterBar({ filters, values, onChange }: FilterBarProps) {
  const { tx } = useLang();
  if (!filters.length) return null;
  return (
    <div className="trr-filters" data-testid="dashboard-filters">
      {filters.map((f) => {
        const Input = inputOf(f);
        const label = tx(f.label, f.id);
        return (
          <div key={f.id} className="trr-filter" data-testid={`filter-${f.id}`}>
            <span className="trr-filter-label">{label}</span>
            <Input filter={f} label={label} value={values[f.id]} onChange={(v) => onChange({ ...values, [f.id]: v })} />
          </div>
        );
      })}
    </div>
  );
}
