/** Search, filter, columns, table/kanban/calendar switch (with its field), paging mode, saved views,
 * and the recycle bin toggle (for users who may delete, hence restore). */
import { AppstoreOutlined, CalendarOutlined, RestOutlined, TableOutlined } from "@ant-design/icons";
import { Button, Segmented, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { FormDef, ViewDef, ViewType } from "../api/types";
import { useLang } from "../i18n/text";
import ViewMenu from "../views/ViewMenu";
import ColumnChooser from "./ColumnChooser";
import FilterButton from "./FilterButton";
import GridSearch from "./GridSearch";
import { dateFields, groupFields, type GridState } from "./gridState";
import type { Paging } from "./useRecordList";

interface Props {
  app: string;
  def: FormDef;
  state: GridState;
  onChange: (patch: Partial<GridState>, opts?: { replace?: boolean }) => void;
  paging: Paging;
  onPaging: (p: Paging) => void;
  view?: ViewDef;
  onResetView?: () => void;
  /** showing the recycle bin */
  bin: boolean;
  /** toggles the recycle bin; absent when the user may not restore */
  onBin?: (on: boolean) => void;
  /** a column was added with the column chooser */
  onColumnAdded?: (id: string) => void;
}

export default function GridToolbar({ app, def, state, onChange, paging, onPaging, view, onResetView, bin, onBin, onColumnAdded }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const fieldOptions = (fields: FormDef["fields"]) => fields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }));
  return (
    <div className="trellis-toolbar">
      <GridSearch value={state.q} onSearch={(q) => onChange({ q }, { replace: true })} />
      <FilterButton app={app} def={def} value={state.filter} onChange={(filter) => onChange({ filter })} />
      {state.mode !== "calendar" && (
        <ColumnChooser def={def} columns={state.columns} filter={state.filter} sort={state.sort}
          onChange={(columns) => onChange({ columns })} onAdded={onColumnAdded} />
      )}
      {!bin && <Segmented<ViewType>
        value={state.mode}
        onChange={(mode) => onChange({ mode })}
        options={[
          { value: "grid", icon: <TableOutlined />, label: t("grid.mode.grid") },
          { value: "kanban", icon: <AppstoreOutlined />, label: t("grid.mode.kanban") },
          { value: "calendar", icon: <CalendarOutlined />, label: t("grid.mode.calendar") },
        ]}
      />}
      {state.mode === "kanban" && (
        <Select style={{ minWidth: 160 }} value={state.groupBy} options={fieldOptions(groupFields(def))}
          onChange={(groupBy: string) => onChange({ groupBy })} prefix={`${t("grid.groupBy")}:`} />
      )}
      {state.mode === "calendar" && (
        <Select style={{ minWidth: 160 }} value={state.dateField} options={fieldOptions(dateFields(def))}
          onChange={(dateField: string) => onChange({ dateField })} prefix={`${t("grid.dateField")}:`} />
      )}
      <div className="grow" />
      {state.mode === "grid" && (
        <Segmented<Paging> size="small" value={paging} onChange={onPaging} className="trellis-paging-switch"
          options={[{ value: "pages", label: t("grid.pages") }, { value: "more", label: t("grid.infinite") }]} />
      )}
      {!bin && <ViewMenu app={app} form={def.id} state={state} view={view} onReset={onResetView} />}
      {onBin && (
        <Button icon={<RestOutlined />} type={bin ? "primary" : "default"} aria-pressed={bin}
          onClick={() => onBin(!bin)} data-testid="recycle-bin">
          {t("grid.recycleBin")}
        </Button>
      )}
    </div>
  );
}
