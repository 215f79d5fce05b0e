/**
 * Drag and drop between the palette and the canvas: a palette type dropped on the canvas
 * becomes a new field; a placed field dragged elsewhere moves (within or across sections).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  DndContext, DragOverlay, KeyboardSensor, PointerSensor, closestCenter, pointerWithin, rectIntersection,
  useSensor, useSensors,
} from '@dnd-kit/core';
import type { CollisionDetection, DragEndEvent, DragMoveEvent, DragStartEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useLang } from '../../i18n/text';
import { useDesigner } from '../hooks/designerContext';
import { DropHintContext } from '../hooks/dropHint';
import type { DropHint } from '../hooks/dropHint';
import { dropPlace, isAfter, parseDndId } from '../model/dnd';
import type { DndTarget } from '../model/dnd';
import { locate } from '../model/layout';
import TypeIcon from './TypeIcon';

const rank = (id: string | number) => {
  const s = String(id);
  if (s.startsWith('f:')) return 0;
  if (s.startsWith('s:')) return 1;
  return 2;
};

/** The innermost target under the pointer: a field, else the nearest field of the section, else the section or canvas. */
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const found = hits.length ? hits : rectIntersection(args);
  const sorted = [...found].sort((a, b) => rank(a.id) - rank(b.id));
  const top = sorted[0];
  if (top && rank(top.id) === 1) {
    const section = args.droppableContainers.find((c) => c.id === top.id)?.data.current?.section;
    const inSection = args.droppableContainers.filter(
      (c) => rank(c.id) === 0 && c.data.current?.section === section && c.id !== args.active.id,
    );
    // Below the last row the drop appends to the section; elsewhere it goes next to the nearest field.
    const bottom = Math.max(...inSection.map((c) => {
      const r = args.droppableRects.get(c.id);
      return r ? r.top + r.height : -Infinity;
    }));
    const pointerY = args.pointerCoordinates?.y ?? -Infinity;
    if (inSection.length && pointerY <= bottom) {
      const near = closestCenter({ ...args, droppableContainers: inSection });
      if (near.length) return near;
    }
  }
  return sorted;
};

interface Drag {
  kind: 'palette' | 'field';
  key: string;
}

export default function DesignerDnd({ children }: { children: ReactNode }) {
  const { state, dispatch, typeOf } = useDesigner();
  const { tx } = useLang();
  const [drag, setDrag] = useState<Drag | null>(null);
  const [hint, setHint] = useState<DropHint | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const layout = state.def.layout ?? [];

  const reset = () => {
    setDrag(null);
    setHint(null);
  };

  const onStart = (e: DragStartEvent) => {
    const parsed = parseDndId(e.active.id);
    if (parsed?.kind === 'palette') setDrag({ kind: 'palette', key: parsed.key });
    else if (parsed?.kind === 'field') setDrag({ kind: 'field', key: parsed.id });
  };

  /** Where the drag would land now: the target and whether it falls after the field it is over. */
  const place = (e: DragMoveEvent | DragEndEvent): { target: DndTarget; after: boolean } | null => {
    const target = parseDndId(e.over?.id);
    if (!target || target.kind === 'palette' || !e.over) return null;
    const rect = e.active.rect.current.translated;
    const after = rect ? isAfter(rect.left + rect.width / 2, rect.top + rect.height / 2, e.over.rect) : false;
    return { target, after };
  };

  const onMove = (e: DragMoveEvent) => {
    const where = place(e);
    let next: DropHint | null = where ? { over: String(e.over!.id), after: where.after } : null;
    if (next && drag?.kind === 'field' && where?.target.kind === 'field') {
      const from = locate(layout, drag.key);
      const to = locate(layout, where.target.id);
      if (from && to && from.section === to.section) next = null;
    }
    if (next?.over !== hint?.over || next?.after !== hint?.after) setHint(next);
  };

  const onEnd = (e: DragEndEvent) => {
    const where = place(e);
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
    <DndContext sensors={sensors} collisionDetection={collisions} onDragStart={onStart} onDragMove={onMove} onDragEnd={onEnd} onDragCancel={reset}>
      <DropHintContext.Provider value={hint}>{children}</DropHintContext.Provider>
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
