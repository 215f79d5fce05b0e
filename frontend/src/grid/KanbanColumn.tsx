/** One column of the kanban board: an option of the group field, its count and cards; a drop target. */
import { useDroppable } from "@dnd-kit/core";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldDef, RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import { countText } from "../registries/format";
import type { WidgetContext } from "../registries/types";
import KanbanCard from "./KanbanCard";

export interface Lane {
  key: string;
  value: string | null;
  label: string;
  color?: string;
  items: RecordRow[];
  count: number | null;
  exact: boolean;
}

interface Props {
  lane: Lane;
  titleField?: string;
  fields: FieldDef[];
  ctx: WidgetContext;
  draggable: boolean;
  onOpen: (row: RecordRow) => void;
}

export default function KanbanColumn({ lane, titleField, fields, ctx, draggable, onOpen }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { setNodeRef, isOver } = useDroppable({ id: lane.key });
  const hidden = lane.count != null ? lane.count - lane.items.length : 0;
  return (
    <div ref={setNodeRef} className={`trellis-kanban-col${isOver ? " over" : ""}`} data-lane={lane.key}>
      <div className="trellis-kanban-col-head">
        <Tag color={lane.color === "default" ? undefined : lane.color}>{lane.label}</Tag>
        <span style={{ color: "#8c8c8c", fontSize: 12 }}>{lane.count != null ? countText(lane.count, lane.exact, lang) : ""}</span>
      </div>
      <div className="trellis-kanban-cards">
        {lane.items.map((row) => (
          <KanbanCard key={row.id} row={row} lane={lane.key} titleField={titleField} fields={fields} ctx={ctx}
            draggable={draggable} onOpen={onOpen} />
        ))}
        {hidden > 0 && <div style={{ textAlign: "center", color: "#8c8c8c", fontSize: 12 }}>{t("grid.more", { n: hidden })}</div>}
      </div>
    </div>
  );
}
