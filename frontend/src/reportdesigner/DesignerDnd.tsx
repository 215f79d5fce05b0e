/**
 * Dragging in the report designer (dnd-kit): a field from the list onto the dimensions or the
 * measures (before the card it is dropped on, else at the end), a placed card within its zone.
 * The mouse starts a drag after 4 px, a finger after a short press (so the lists still
 * scroll), the keyboard with space. What a drop does is dnd.ts's `dropAction`.
 */
import {
  DndContext, DragOverlay, KeyboardSensor, MouseSensor, pointerWithin, rectIntersection, TouchSensor, useSensor, useSensors,
  type CollisionDetection, type DragEndEvent, type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useState, type ReactNode } from "react";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { dropAction, RECORDS } from "./dnd";
import { useDesignerText } from "./i18n";
import { moveDimension, moveMeasure } from "./model";

/** Cards before zones: a drop on a card lands next to it. */
const rank = (id: string | number) => (String(id).startsWith("zone:") ? 1 : 0);

const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const found = hits.length ? hits : rectIntersection(args);
  return [...found].sort((a, b) => rank(a.id) - rank(b.id));
};

export default function DesignerDnd({ children }: { children: ReactNode }) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, fields, change, add } = useDesigner();
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onStart = (e: DragStartEvent) => setDragging(String(e.active.id));
  const onEnd = (e: DragEndEvent) => {
    setDragging(null);
    const action = dropAction(e.active.id, e.over?.id, def);
    if (!action) return;
    if (action.kind === "moveDimension") change((d) => moveDimension(d, action.from, action.to));
    else if (action.kind === "moveMeasure") change((d) => moveMeasure(d, action.from, action.to));
    else {
      const field = action.path === null ? null : fields.get(action.path);
      if (field === undefined) return;
      add(action.kind === "addDimension" ? "dimension" : "measure", field, action.at);
    }
  };

  const path = dragging?.startsWith("field:") ? dragging.slice("field:".length) : null;
  const label = path === RECORDS ? t("fields.records") : path ? tx(fields.get(path)?.label, path) : null;

  return (
    <DndContext sensors={sensors} collisionDetection={collisions} onDragStart={onStart} onDragEnd={onEnd}
      onDragCancel={() => setDragging(null)}>
      {children}
      <DragOverlay dropAnimation={null}>
        {label ? <div className="trd-field trd-overlay">{label}</div> : null}
      </DragOverlay>
    </DndContext>
  );
}
