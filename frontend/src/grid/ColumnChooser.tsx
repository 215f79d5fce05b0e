/** Choose and order the grid's columns: a search over the form's fields, the fields the filter or
 * sort uses but the table does not show (offered first), checkboxes, and drag to reorder the shown
 * ones (while not searching); Enter in the search adds the one field found. A column added is
 * reported (`onAdded`) so the table can show it. */
import { closestCenter, DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { SearchOutlined, TableOutlined } from "@ant-design/icons";
import { Button, Checkbox, Divider, Input, Popover, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldDef, FormDef, JsonLogic } from "../api/types";
import { useLang } from "../i18n/text";
import ColumnItem from "./ColumnItem";
import { defaultColumns, orderedFields, suggestedColumns } from "./gridState";

interface Props {
  def: FormDef;
  columns: string[];
  filter: JsonLogic;
  sort: string[];
  onChange: (columns: string[]) => void;
  /** a column was added (to bring it into view) */
  onAdded?: (id: string) => void;
}

export default function ColumnChooser({ def, columns, filter, sort, onChange, onAdded }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [query, setQuery] = useState("");
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const needle = query.trim().toLowerCase();
  const matches = (f: FieldDef | undefined, id: string) =>
    !needle || tx(f?.label, id).toLowerCase().includes(needle) || id.toLowerCase().includes(needle);
  const suggested = suggestedColumns(def, columns, filter, sort).filter((f) => matches(f, f.id));
  const hidden = orderedFields(def).filter((f) => !columns.includes(f.id) && !suggested.includes(f) && matches(f, f.id));
  const shown = columns.filter((id) => matches(byId.get(id), id));

  const add = (id: string) => {
    onChange([...columns, id]);
    onAdded?.(id);
  };
  // the title column is shown first whatever the order (it is frozen at the left edge)
  const pinned = def.title_field && columns.includes(def.title_field) ? [def.title_field] : [];
  const movable = columns.filter((id) => !pinned.includes(id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onChange([...pinned, ...arrayMove(movable, movable.indexOf(String(active.id)), movable.indexOf(String(over.id)))]);
  };
  const unchecked = (f: FieldDef) => (
    <div key={f.id} style={{ padding: "4px 8px 4px 28px" }} data-column={f.id}>
      <Checkbox checked={false} onChange={() => add(f.id)}>{tx(f.label, f.id)}</Checkbox>
    </div>
  );
  const remove = (id: string) => onChange(columns.filter((c) => c !== id));

  const content = (
    <div style={{ width: 260 }} data-testid="column-chooser">
      <Input allowClear autoFocus size="small" prefix={<SearchOutlined />} placeholder={t("grid.columnSearch")}
        value={query} onChange={(e) => setQuery(e.target.value)} style={{ marginBottom: 8 }} data-testid="column-search"
        onPressEnter={() => { const found = [...suggested, ...hidden]; if (found.length === 1) add(found[0].id); }} />
      <div style={{ maxHeight: 380, overflowY: "auto" }}>
        {suggested.length > 0 && (
          <div data-testid="column-suggested">
            <Typography.Text type="secondary" style={{ fontSize: 12, padding: "0 8px" }}>{t("grid.columnSuggested")}</Typography.Text>
            {suggested.map(unchecked)}
            <Divider style={{ margin: "8px 0" }} />
          </div>
        )}
        {needle ? shown.map((id) => (
          <div key={id} style={{ padding: "4px 8px 4px 28px" }} data-column={id}>
            <Checkbox checked disabled={columns.length <= 1} onChange={() => remove(id)}>{tx(byId.get(id)?.label, id)}</Checkbox>
          </div>
        )) : (
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
            {pinned.map((id) => (
              <ColumnItem key={id} id={id} label={tx(byId.get(id)?.label, id)} checked pinned
                disabled={columns.length <= 1} onToggle={() => remove(id)} />
            ))}
            <SortableContext items={movable} strategy={verticalListSortingStrategy}>
              {movable.map((id) => (
                <ColumnItem key={id} id={id} label={tx(byId.get(id)?.label, id)} checked
                  disabled={columns.length <= 1} onToggle={() => remove(id)} />
              ))}
            </SortableContext>
          </DndContext>
        )}
        {shown.length > 0 && hidden.length > 0 && <Divider style={{ margin: "8px 0" }} />}
        {hidden.map(unchecked)}
        {needle && !shown.length && !hidden.length && !suggested.length && (
          <Typography.Text type="secondary" style={{ display: "block", padding: 8 }}>{t("grid.noColumnMatch")}</Typography.Text>
        )}
      </div>
      <Divider style={{ margin: "8px 0" }} />
      <Button size="small" type="link" onClick={() => onChange(defaultColumns(def))}>{t("grid.resetColumns")}</Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomLeft" title={t("grid.showColumns")} content={content}
      onOpenChange={(open) => { if (!open) setQuery(""); }}>
      <Button icon={<TableOutlined />} data-testid="column-button">{t("grid.columns")}</Button>
    </Popover>
  );
}
