/**
 * Drag and drop between the palette and the canvas: a palette type dropped on the canvas
 * becomes a new field; a placed field dragged elsewhere moves (within or across sections).
 * While dragging, a line shows where the drop lands (model/dnd.ts `dropLine`): before or after
 * the field under the pointer, or at the end of a section (below its fields, or the gap below it).
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, rectIntersection,
  useDndContext, useSensor, useSensors,
} from '@dnd-kit/core';
import type { Collision, CollisionDetection, DragEndEvent, DragStartEvent, Over } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useLang } from '../../i18n/text';
import { useDesigner } from '../hooks/designerContext';
import { DropHintContext } from '../hooks/dropHint';
import { dropLine, dropPlace, gridSlot, isAfter, parseDndId } from '../model/dnd';
import type { DndTarget, Point } from '../model/dnd';
import type { LayoutSection } from '../model/types';
import TypeIcon from './TypeIcon';

const rank = (id: string | number) => {
  const s = String(id);
  if (s.startsWith('f:')) return 0;
  if (s.startsWith('s:') || s.startsWith('g:')) return 1;
  return 2;
};

/** The point a drag is judged by: the pointer, else (keyboard) the dragged box's centre. */
const dragPoint = ({ pointerCoordinates, collisionRect: r }: Parameters<CollisionDetection>[0]): Point =>
  pointerCoordinates ?? { x: r.left + r.width / 2, y: r.top + r.height / 2 };

/**
 * The innermost target under the drag: a field, else the field of the section a drop goes
 * next to (model/dnd.ts `gridSlot`), else the section (below its last row) or the canvas.
 * A field comes with `data.after`: whether the drop lands after it.
 */
const collisions: CollisionDetection = (args) => {
  const point = dragPoint(args);
  const hits = pointerWithin(args);
  const found = hits.length ? hits : rectIntersection(args);
  const sorted = [...found].sort((a, b) => rank(a.id) - rank(b.id));
  const top = sorted[0];
  if (top && rank(top.id) === 0) {
    const rect = args.droppableRects.get(top.id);
    const columns = args.droppableContainers.find((c) => c.id === top.id)?.data.current?.columns;
    return [{ ...top, data: { ...top.data, after: rect ? isAfter(point.x, point.y, rect, columns) : false } }, ...sorted.slice(1)];
  }
  if (top && String(top.id).startsWith('s:')) {
    const section = args.droppableContainers.find((c) => c.id === top.id)?.data.current?.section;
    const inSection = args.droppableContainers.flatMap((c) => {
      const rect = args.droppableRects.get(c.id);
      const mine = rank(c.id) === 0 && c.data.current?.section === section && c.id !== args.active.id;
      return mine && rect ? [{ container: c, rect }] : [];
    });
    const columns = args.droppableContainers.find((c) => c.id === top.id)?.data.current?.columns;
    const slot = gridSlot(point, inSection.map((c) => c.rect), columns);
    if (slot) {
      const { container } = inSection[slot.index];
      return [{ id: container.id, data: { droppableContainer: container, after: slot.after } }];
    }
  }
  return sorted;
};

interface Drag {
  kind: 'palette' | 'field';
  key: string;
}

/** Where a drag would land now: the target and whether it falls after the field it is over. */
function placeOf(over: Over | null, collisions: Collision[] | null): { target: DndTarget; after: boolean } | null {
  const target = parseDndId(over?.id);
  if (!target || target.kind === 'palette' || !over) return null;
  // the collision detection decided the side from the same point it chose the field by
  const after = collisions?.[0]?.id === over.id && collisions[0].data?.after === true;
  return { target, after };
}

/**
 * The drop line, from the drag's current target (read on render: the move events carry the
 * target of the step before, which would put the line one step behind the pointer).
 */
function DropHintProvider({ layout, moving, children }: { layout: LayoutSection[]; moving?: string; children: ReactNode }) {
  const { over, collisions, active } = useDndContext();
  const where = active ? placeOf(over, collisions) : null;
  const line = where ? dropLine(layout, where.target, where.after, moving) : null;
  const key = JSON.stringify(line);
  const hint = useMemo(() => line, [key]); // one value per line: cards re-render only when it moves
  return <DropHintContext.Provider value={hint}>{children}</DropHintContext.Provider>;
}

export default function DesignerDnd({ children }: { children: ReactNode }) {
  const { state, dispatch, typeOf } = useDesigner();
  const { tx } = useLang();
  const [drag, setDrag] = useState<Drag | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const layout = state.def.layout ?? [];

  const reset = () => setDrag(null);

  const onStart = (e: DragStartEvent) => {
    const parsed = parseDndId(e.active.id);
    if (parsed?.kind === 'palette') setDrag({ kind: 'palette', key: parsed.key });
    else if (parsed?.kind === 'field') setDrag({ kind: 'field', key: parsed.id });
  };

  const onEnd = (e: DragEndEvent) => {
    const where = placeOf(e.over, e.collisions);
    const current = drag;
    reset();
    if (!where || !current) return;
    const moving = current.kind === 'field' ? current.key : undefined;
    const at = dropPlace(layout, where.target, where.after, moving);
    if (!at) return;
    if (current.kind === 'field') {
      dispatch({ type: 'moveField', id: current.key, section: at.section, index: at.index });
      return;
    }
    const fieldType = typeOf(current.key);
    if (fieldType) dispatch({ type: 'addField', fieldType, section: at.section, index: at.index });
  };

  const overlayField = drag?.kind === 'field' ? state.def.fields.find((f) => f.id === drag.key) : undefined;
  const overlayType = drag ? typeOf(overlayField?.type ?? drag.key) : undefined;

  return (
    <DndContext sensors={sensors} collisionDetection={collisions} onDragStart={onStart} onDragEnd={onEnd} onDragCancel={reset}>
      <DropHintProvider layout={layout} moving={drag?.kind === 'field' ? drag.key : undefined}>{children}</DropHintProvider>
      <DragOverlay dropAnimation={null}>
        {drag && (
          <div className="td-overlay">
            <TypeIcon type={overlayField?.type ?? drag.key} />
            <span>{overlayField ? tx(overlayField.label, overlayField.id) : tx(overlayType?.label, drag.key)}</span>
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
