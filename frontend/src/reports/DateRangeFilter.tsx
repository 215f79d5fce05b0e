/** A date range filter: antd's RangePicker with the presets 本月 / 上月 / 本季度 / 今年 /
 * 近30天; a picked preset is kept as its key (the link stays relative to the day it is
 * opened) and named beside the days, other ranges as their two days, both included. */
import { DatePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { FilterInputProps } from "./filterInput";
import { rangeOf } from "./filterValues";
import { useReportsText } from "./i18n";
import { PRESETS, isPreset, presetOf, presetRange, today } from "./presets";

const FMT = "YYYY-MM-DD";

export default function DateRangeFilter({ value, onChange, label }: FilterInputProps) {
  const { t } = useReportsText();
  const day = today();
  const range = rangeOf(value, day);
  return (
    <>
      <DatePicker.RangePicker
        aria-label={label}
        value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
        presets={PRESETS.map((k) => {
          const [from, to] = presetRange(k, day);
          return { label: t(`presets.${k}`), value: [dayjs(from), dayjs(to)] as [Dayjs, Dayjs] };
        })}
        onChange={(dates) => {
          if (!dates || !dates[0] || !dates[1]) {
            onChange(null);
            return;
          }
          const picked: [string, string] = [dates[0].format(FMT), dates[1].format(FMT)];
          onChange(presetOf(picked, day) ?? picked);
        }}
        className="trr-filter-range"
      />
      {isPreset(value) ? <span className="trr-preset" data-testid="filter-preset">{t(`presets.${value}`)}</span> : null}
    </>
  );
}
