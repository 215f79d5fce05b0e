/** Search, filter, columns, table/kanban/calendar switch (with its field), paging mode, saved views. */
import { AppstoreOutlined, CalendarOutlined, TableOutlined } from "@ant-design/icons";
import { Input, Segmented, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { FormDef, ViewDef, ViewType } from "../api/types";
import { useLang } from "../i18n/text";
import ViewMenu from "../views/ViewMenu";
import ColumnChooser from "./ColumnChooser";
import FilterButton from "./FilterButton";
import { dateFields, groupFields, type GridState } from "./gridState";
import type { Paging } from "./useRecordList";

interface Props {
  app: string;
  def: FormDef;
  state: GridState;
  onChange: (patch: Partial<GridState>) => void;
  paging: Paging;
  onPaging: (p: Paging) => void;
  view?: ViewDef;
  onResetView?: () => void;
}

export default function GridToolbar({ app, def, state, onChange, paging, onPaging, view, onResetView }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const fieldOptions = (fields: FormDef["fields"]) => fields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }));
  return (
    <div className="trellis-toolbar">
      <Input.Search allowClear placeholder={t("grid.search")} defaultValue={state.q} style={{ width: 240 }}
        onSearch={(q) => onChange({ q })} data-testid="grid-search" />
      <FilterButton app={app} def={def} value={state.filter} onChange={(filter) => onChange({ filter })} />
      {state.mode !== "calendar" && <ColumnChooser def={def} columns={state.columns} onChange={(columns) => onChange({ columns })} />}
      <Segmented<ViewType>
        value={state.mode}
        onChange={(mode) => onChange({ mode })}
        options={[
          { value: "grid", icon: <TableOutlined />, label: t("grid.mode.grid") },
          { value: "kanban", icon: <AppstoreOutlined />, label: t("grid.mode.kanban") },
          { value: "calendar", icon: <CalendarOutlined />, label: t("grid.mode.calendar") },
        ]}
      />
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
        <Segmented<Paging> size="small" value={paging} onChange={onPaging}
          options={[{ value: "pages", label: t("grid.pages") }, { value: "more", label: t("grid.infinite") }]} />
      )}
      <ViewMenu app={app} form={def.id} state={state} view={view} onReset={onResetView} />
    </div>
  );
}
