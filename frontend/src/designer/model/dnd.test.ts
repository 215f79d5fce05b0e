import { describe, expect, it } from 'vitest';
import { dropPlace, gridSlot, isAfter, parseDndId } from './dnd';
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
    expect(move('a', dropPlace(layout, { kind: 'field', id: 'b' }, false, 'a'))).toEqual([['b', 'a', 'c'], ['d']]);
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
