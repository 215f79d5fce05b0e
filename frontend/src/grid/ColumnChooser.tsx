/** Choose and order the grid's columns (checkboxes; drag to reorder the shown ones). */
import { closestCenter, DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { TableOutlined } from "@ant-design/icons";
import { Button, Checkbox, Divider, Popover } from "antd";
import { useTranslation } from "react-i18next";
import type { FormDef } from "../api/types";
import { useLang } from "../i18n/text";
import ColumnItem from "./ColumnItem";
import { defaultColumns, orderedFields } from "./gridState";

interface Props {
  def: FormDef;
  columns: string[];
  onChange: (columns: string[]) => void;
}

export default function ColumnChooser({ def, columns, onChange }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const hidden = orderedFields(def).filter((f) => !columns.includes(f.id));

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onChange(arrayMove(columns, columns.indexOf(String(active.id)), columns.indexOf(String(over.id))));
  };

  const content = (
    <div style={{ width: 260, maxHeight: 420, overflowY: "auto" }}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={columns} strategy={verticalListSortingStrategy}>
          {columns.map((id) => (
            <ColumnItem key={id} id={id} label={tx(byId.get(id)?.label, id)} checked
              disabled={columns.length <= 1} onToggle={() => onChange(columns.filter((c) => c !== id))} />
          ))}
        </SortableContext>
      </DndContext>
      {hidden.length > 0 && <Divider style={{ margin: "8px 0" }} />}
      {hidden.map((f) => (
        <div key={f.id} style={{ padding: "4px 8px 4px 28px" }}>
          <Checkbox checked={false} onChange={() => onChange([...columns, f.id])}>{tx(f.label, f.id)}</Checkbox>
        </div>
      ))}
      <Divider style={{ margin: "8px 0" }} />
      <Button size="small" type="link" onClick={() => onChange(defaultColumns(def))}>{t("grid.resetColumns")}</Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomLeft" title={t("grid.showColumns")} content={content}>
      <Button icon={<TableOutlined />}>{t("grid.columns")}</Button>
    </Popover>
  );
}
