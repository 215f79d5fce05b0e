/** Drag-and-drop targets: which (section, index) a drop lands on, from what it is over. */
import { locate } from './layout';
import type { LayoutSection } from './types';

/**
 * Droppable ids: `f:<field id>` (a placed field), `s:<index>` (a section), `g:<index>` (the gap
 * below a section: a drop there ends that section), `canvas`.
 */
export const fieldDnd = (id: string) => `f:${id}`;
export const sectionDnd = (index: number) => `s:${index}`;
export const gapDnd = (index: number) => `g:${index}`;
export const paletteDnd = (key: string) => `p:${key}`;
export const CANVAS = 'canvas';

export type DndTarget =
  | { kind: 'field'; id: string }
  | { kind: 'section'; index: number }
  | { kind: 'gap'; index: number }
  | { kind: 'canvas' };

export function parseDndId(id: string | number | null | undefined): DndTarget | { kind: 'palette'; key: string } | null {
  if (typeof id !== 'string') return null;
  if (id === CANVAS) return { kind: 'canvas' };
  if (id.startsWith('f:')) return { kind: 'field', id: id.slice(2) };
  if (id.startsWith('p:')) return { kind: 'palette', key: id.slice(2) };
  if (id.startsWith('s:') && /^\d+$/.test(id.slice(2))) return { kind: 'section', index: Number(id.slice(2)) };
  if (id.startsWith('g:') && /^\d+$/.test(id.slice(2))) return { kind: 'gap', index: Number(id.slice(2)) };
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

/**
 * Whether a drop at (x, y) falls after the field `over` of a section with `columns` columns.
 * On the field: in one column by its lower half; in a grid (filled row by row, so "after" is
 * the next cell) by the lower or right half, whichever the point leans to more. Beside the
 * field: after when right of it in its row, else when below it.
 */
export function isAfter(x: number, y: number, over: Box, columns = 2): boolean {
  const inRow = y >= over.top && y <= over.top + over.height;
  const inColumn = x >= over.left && x <= over.left + over.width;
  const dx = (x - (over.left + over.width / 2)) / (over.width || 1);
  const dy = (y - (over.top + over.height / 2)) / (over.height || 1);
  if (inRow && inColumn) return columns <= 1 ? dy > 0 : dx + dy > 0;
  return inRow ? dx > 0 : dy > 0;
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
export function gridSlot(p: Point, boxes: Box[], columns = 2): { index: number; after: boolean } | null {
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
  return { index: best, after: isAfter(p.x, p.y, boxes[best], columns) };
}

/**
 * Where a drop lands: before or after the field it is over (`after`), at the end of a section
 * (over the section below its fields, or the gap below it), at the end of the last section (the
 * canvas). `moving` is the dragged field's id (undefined for a new field from the palette); the
 * index counts positions after taking the moving field out, as `moveField` does. The drop
 * indicator is drawn from the same target and side, so a field lands where the line showed.
 */
export function dropPlace(
  layout: LayoutSection[],
  over: DndTarget,
  after: boolean,
  moving?: string,
): { section: number; index: number } | null {
  if (!layout.length) return { section: 0, index: 0 };
  if (over.kind === 'canvas') return { section: layout.length - 1, index: Number.MAX_SAFE_INTEGER };
  if (over.kind === 'section' || over.kind === 'gap') {
    if (over.index < 0 || over.index >= layout.length) return null;
    return { section: over.index, index: Number.MAX_SAFE_INTEGER };
  }
  if (over.id === moving) return null;
  const at = locate(layout, over.id);
  if (!at) return null;
  const from = moving ? locate(layout, moving) : null;
  const index = at.index + (after ? 1 : 0);
  // the moving field leaves its place first: a later position moves up by one
  return { section: at.section, index: from && from.section === at.section && from.index < index ? index - 1 : index };
}

/** Where the drop indicator shows: a line before or after a field, or at the end of a section. */
export type DropLine = { kind: 'field'; id: string; after: boolean } | { kind: 'end'; section: number };

/** The line for a drop on `over` (what `dropPlace` makes of the same target), or null when none lands. */
export function dropLine(layout: LayoutSection[], over: DndTarget, after: boolean, moving?: string): DropLine | null {
  if (!dropPlace(layout, over, after, moving)) return null;
  if (over.kind === 'field') return { kind: 'field', id: over.id, after };
  return { kind: 'end', section: over.kind === 'canvas' ? Math.max(0, layout.length - 1) : over.index };
}
