import { describe, expect, it } from 'vitest';
import { dropLine, dropPlace, gapDnd, gridSlot, isAfter, parseDndId } from './dnd';
import { moveField } from './fieldOps';
import type { FormDefinition } from './types';

const def: FormDefinition = {
  schema_version: 1, id: 'f', label: { zh: 'f' },
  fields: ['a', 'b', 'c', 'd'].map((id) => ({ id, type: 'text', label: { zh: id } })),
  layout: [{ fields: ['a', 'b', 'c'] }, { fields: ['d'] }],
};
const layout = def.layout!;
const move = (id: string, place: { section: number; index: number } | null) =>
  place ? moveField(def, id, place.section, place.index).layout!.map((s) => s.fields) : null;

describe('drop places', () => {
  it('parses droppable ids', () => {
    expect(parseDndId('f:name')).toEqual({ kind: 'field', id: 'name' });
    expect(parseDndId('s:2')).toEqual({ kind: 'section', index: 2 });
    expect(parseDndId('p:text')).toEqual({ kind: 'palette', key: 'text' });
    expect(parseDndId('canvas')).toEqual({ kind: 'canvas' });
  });

  it('drops a new field before or after the field it is over', () => {
    expect(dropPlace(layout, { kind: 'field', id: 'b' }, false)).toEqual({ section: 0, index: 1 });
    expect(dropPlace(layout, { kind: 'field', id: 'b' }, true)).toEqual({ section: 0, index: 2 });
    expect(dropPlace(layout, { kind: 'section', index: 1 }, false)!.section).toBe(1);
  });

  it('moves a field down, up and across sections', () => {
    expect(move('a', dropPlace(layout, { kind: 'field', id: 'c' }, true, 'a'))).toEqual([['b', 'c', 'a'], ['d']]);
    expect(move('a', dropPlace(layout, { kind: 'field', id: 'b' }, true, 'a'))).toEqual([['b', 'a', 'c'], ['d']]);
    // before the next field is where it already is: the line and the drop agree
    expect(move('a', dropPlace(layout, { kind: 'field', id: 'b' }, false, 'a'))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(move('c', dropPlace(layout, { kind: 'field', id: 'b' }, false, 'c'))).toEqual([['a', 'c', 'b'], ['d']]);
    expect(move('c', dropPlace(layout, { kind: 'field', id: 'a' }, false, 'c'))).toEqual([['c', 'a', 'b'], ['d']]);
    expect(move('b', dropPlace(layout, { kind: 'field', id: 'd' }, false, 'b'))).toEqual([['a', 'c'], ['b', 'd']]);
    expect(move('b', dropPlace(layout, { kind: 'field', id: 'd' }, true, 'b'))).toEqual([['a', 'c'], ['d', 'b']]);
    expect(move('d', dropPlace(layout, { kind: 'canvas' }, false, 'd'))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(dropPlace(layout, { kind: 'field', id: 'a' }, true, 'a')).toBeNull();
  });

  it('tells after from the position in a row or column', () => {
    const box = { left: 0, top: 0, width: 100, height: 40 };
    expect(isAfter(80, 20, box)).toBe(true);
    expect(isAfter(20, 20, box)).toBe(false);
    expect(isAfter(20, 60, box)).toBe(true);
    expect(isAfter(80, -5, box)).toBe(false);
  });
});

describe('drop places in a two-column section', () => {
  // a, b in the first row; c in the second, its right cell free
  const grid = { fields: ['a', 'b', 'c'], columns: 2 };
  const boxes = [
    { left: 0, top: 0, width: 300, height: 60 },
    { left: 310, top: 0, width: 300, height: 60 },
    { left: 0, top: 70, width: 300, height: 60 },
  ];
  const place = (x: number, y: number) => {
    const slot = gridSlot({ x, y }, boxes);
    const over = slot ? { kind: 'field' as const, id: grid.fields[slot.index] } : { kind: 'section' as const, index: 0 };
    const at = dropPlace([grid], over, slot?.after ?? false);
    return at && Math.min(at.index, grid.fields.length);
  };

  it('appends a drop in the free cell after the last field', () => {
    // b's centre (460, 30) is nearer than c's (150, 100), but c is in the drop's row
    expect(gridSlot({ x: 460, y: 100 }, boxes)).toEqual({ index: 2, after: true });
    expect(place(460, 100)).toBe(3);
    expect(place(600, 125)).toBe(3);
  });

  it('places a drop by its row first, then by its side of the field', () => {
    expect(place(50, 30)).toBe(0);
    expect(place(250, 30)).toBe(1);
    expect(place(400, 30)).toBe(1);
    expect(place(580, 30)).toBe(2);
    expect(place(50, 100)).toBe(2);
    expect(place(460, 64)).toBe(2); // in the gap under b: after b
    expect(place(150, 67)).toBe(2); // in the gap over c: before c
  });

  it('appends below the last row and has no slot without fields', () => {
    expect(gridSlot({ x: 150, y: 200 }, boxes)).toBeNull();
    expect(place(150, 200)).toBe(3);
    expect(gridSlot({ x: 0, y: 0 }, [])).toBeNull();
  });
});

describe('the drop line and where the drop lands', () => {
  const two = [{ fields: ['a', 'b', 'c'], columns: 2 }, { fields: ['d'], columns: 2 }, { fields: [], columns: 1 }];

  it('parses the gap below a section and lands at that section\'s end', () => {
    expect(parseDndId('g:1')).toEqual({ kind: 'gap', index: 1 });
    expect(parseDndId(gapDnd(0))).toEqual({ kind: 'gap', index: 0 });
    expect(dropPlace(two, { kind: 'gap', index: 0 }, false)).toEqual({ section: 0, index: Number.MAX_SAFE_INTEGER });
    expect(dropLine(two, { kind: 'gap', index: 0 }, false)).toEqual({ kind: 'end', section: 0 });
    expect(dropLine(two, { kind: 'gap', index: 5 }, false)).toBeNull();
    const placed = moveField({ ...def, layout: two }, 'd', 0, dropPlace(two, { kind: 'gap', index: 0 }, false)!.index);
    expect(placed.layout!.map((s) => s.fields)).toEqual([['a', 'b', 'c', 'd'], [], []]);
  });

  it('draws the line at the end of a section, of the last one for the canvas, and none on the dragged field', () => {
    expect(dropLine(two, { kind: 'section', index: 2 }, false)).toEqual({ kind: 'end', section: 2 });
    expect(dropLine(two, { kind: 'canvas' }, false)).toEqual({ kind: 'end', section: 2 });
    expect(dropLine(two, { kind: 'field', id: 'b' }, true)).toEqual({ kind: 'field', id: 'b', after: true });
    expect(dropLine(two, { kind: 'field', id: 'b' }, true, 'b')).toBeNull();
  });

  it('lands a move where the line showed, in its own section and another', () => {
    const land = (id: string, over: string, after: boolean) =>
      move(id, dropPlace(layout, { kind: 'field', id: over }, after, id));
    expect(land('a', 'c', false)).toEqual([['b', 'a', 'c'], ['d']]);
    expect(land('c', 'a', true)).toEqual([['a', 'c', 'b'], ['d']]);
    expect(land('d', 'b', false)).toEqual([['a', 'd', 'b', 'c'], []]);
    expect(land('d', 'b', true)).toEqual([['a', 'b', 'd', 'c'], []]);
  });

  it('tells the side on a card by the lower half in one column, by the leaning half in a grid', () => {
    const card = { left: 0, top: 0, width: 300, height: 60 };
    expect(isAfter(20, 45, card, 1)).toBe(true); // lower half, far left: after in one column
    expect(isAfter(280, 15, card, 1)).toBe(false); // upper half, far right: before
    expect(isAfter(150, 45, card, 2)).toBe(true); // lower half in the middle: after (the next cell)
    expect(isAfter(150, 15, card, 2)).toBe(false);
    expect(isAfter(280, 20, card, 2)).toBe(true); // right edge: after
    expect(isAfter(20, 40, card, 2)).toBe(false); // left edge: before
  });
});
