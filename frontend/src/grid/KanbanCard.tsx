/** A record on the kanban board: its title and a few fields; drag it to another column. */
import { useDraggable } from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import type { FieldDef, RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import { cellFor } from "../registries";
import type { WidgetContext } from "../registries/types";

interface Props {
  row: RecordRow;
  lane: string;
  titleField?: string;
  fields: FieldDef[];
  ctx: WidgetContext;
  draggable: boolean;
  onOpen: (row: RecordRow) => void;
}

export default function KanbanCard({ row, lane, titleField, fields, ctx, draggable, onOpen }: Props) {
  const { tx } = useLang();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: String(row.id), data: { row, lane }, disabled: !draggable,
  });
  return (
    <div ref={setNodeRef} {...listeners} {...attributes} data-record={row.id}
      className={`trellis-kanban-card${isDragging ? " dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), cursor: draggable ? "grab" : "pointer" }}
      onClick={() => onOpen(row)}>
      <div className="trellis-kanban-card-title">{String((titleField && row[titleField]) ?? `#${row.id}`)}</div>
      {fields.map((f) => {
        const Cell = cellFor(f.type);
        const value = row[f.id];
        if (value == null || value === "") return null;
        return (
          <div key={f.id} className="trellis-kanban-card-line">
            <span style={{ color: "#8c8c8c" }}>{tx(f.label, f.id)}:</span> <Cell field={f} value={value} record={row} ctx={ctx} />
          </div>
        );
      })}
    </div>
  );
}
