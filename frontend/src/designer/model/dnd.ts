/** Drag-and-drop targets: which (section, index) a drop lands on, from what it is over. */
import { locate } from './layout';
import type { LayoutSection } from './types';

/** Droppable ids: `f:<field id>` (a placed field), `s:<index>` (a section), `canvas`. */
export const fieldDnd = (id: string) => `f:${id}`;
export const sectionDnd = (index: number) => `s:${index}`;
export const paletteDnd = (key: string) => `p:${key}`;
export const CANVAS = 'canvas';

export type DndTarget =
  | { kind: 'field'; id: string }
  | { kind: 'section'; index: number }
  | { kind: 'canvas' };

export function parseDndId(id: string | number | null | undefined): DndTarget | { kind: 'palette'; key: string } | null {
  if (typeof id !== 'string') return null;
  if (id === CANVAS) return { kind: 'canvas' };
  if (id.startsWith('f:')) return { kind: 'field', id: id.slice(2) };
  if (id.startsWith('p:')) return { kind: 'palette', key: id.slice(2) };
  if (id.startsWith('s:') && /^\d+$/.test(id.slice(2))) return { kind: 'section', index: Number(id.slice(2)) };
  return null;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Whether a dragged box centred at (x, y) falls after `over`: right half in its row, else below. */
export function isAfter(x: number, y: number, over: Box): boolean {
  const inRow = y >= over.top && y <= over.top + over.height;
  return inRow ? x > over.left + over.width / 2 : y > over.top + over.height / 2;
}

/** How far `p` is from `box` across rows (0 inside its row), then across columns (from its centre). */
function gridDistance(p: Point, box: Box): [number, number] {
  const dy = Math.max(0, box.top - p.y, p.y - (box.top + box.height));
  return [dy, Math.abs(p.x - (box.left + box.width / 2))];
}

/**
 * Where a drop at `p` lands among a section's field boxes (a grid filled row by row): next
 * to the field of the nearest row that is nearest across, before or after it. So the free
 * cell after a row's last field goes after that field, even when a field of the row above
 * has a closer centre. Null without boxes or below the last row (the drop appends).
 */
export function gridSlot(p: Point, boxes: Box[]): { index: number; after: boolean } | null {
  if (!boxes.length || p.y > Math.max(...boxes.map((b) => b.top + b.height))) return null;
  let best = 0;
  let bestDistance = gridDistance(p, boxes[0]);
  boxes.forEach((box, i) => {
    const [dy, dx] = gridDistance(p, box);
    if (dy < bestDistance[0] || (dy === bestDistance[0] && dx < bestDistance[1])) {
      best = i;
      bestDistance = [dy, dx];
    }
  });
  return { index: best, after: isAfter(p.x, p.y, boxes[best]) };
}

/**
 * Where a drop lands. `moving` is the dragged field's id (undefined for a new field from the
 * palette); the index counts positions after taking the moving field out, as `moveField` does.
 * `after` (the drop falls on the far half of the field it is over) matters between sections.
 */
export function dropPlace(
  layout: LayoutSection[],
  over: DndTarget,
  after: boolean,
  moving?: string,
): { section: number; index: number } | null {
  if (!layout.length) return { section: 0, index: 0 };
  if (over.kind === 'canvas') return { section: layout.length - 1, index: Number.MAX_SAFE_INTEGER };
  if (over.kind === 'section') {
    if (over.index < 0 || over.index >= layout.length) return null;
    return { section: over.index, index: Number.MAX_SAFE_INTEGER };
  }
  if (over.id === moving) return null;
  const at = locate(layout, over.id);
  if (!at) return null;
  const from = moving ? locate(layout, moving) : null;
  // Within one section the list shows the move as it goes: the field takes the place of the one it is over.
  if (from && from.section === at.section) return { section: at.section, index: at.index };
  return { section: at.section, index: at.index + (after ? 1 : 0) };
}
