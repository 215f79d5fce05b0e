/** A zone fields are dropped on (the dimensions, the measures): its title and how full it
 * is, the placed cards (sortable among themselves), an empty state saying what to drop, and
 * a highlight while a field is dragged over the page. */
import { useDndContext, useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { ReactNode } from "react";

interface Props {
  id: string;
  title: string;
  help: string;
  count: number;
  max: number;
  items: string[];
  empty: string;
  extra?: ReactNode;
  problems?: ReactNode;
  testId: string;
  children: ReactNode;
}

export default function DropZone({ id, title, help, count, max, items, empty, extra, problems, testId, children }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const { active } = useDndContext();
  const fieldDragged = typeof active?.id === "string" && active.id.startsWith("field:");
  return (
    <section className={`trd-zone${fieldDragged ? " trd-zone-ready" : ""}${isOver ? " trd-zone-over" : ""}`} ref={setNodeRef}
      data-testid={testId}>
      <div className="trd-zone-head">
        <span className="trd-zone-title">{title}</span>
        <span className="trd-muted trd-small">{help}</span>
        <span className="trd-grow" />
        <span className="trd-muted trd-small">{count} / {max}</span>
        {extra}
      </div>
      {problems}
      <SortableContext items={items} strategy={verticalListSortingStrategy}>
        <div className="trd-zone-cards">{children}</div>
      </SortableContext>
      {!count && <div className="trd-zone-empty">{empty}</div>}
    </section>
  );
}
