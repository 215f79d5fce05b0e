import { describe, expect, it } from 'vitest';
import { checkValue, fieldStates, holds } from './evaluate';
import type { FieldDef } from './types';

const fields: FieldDef[] = [
  { id: 'client_type', type: 'single_select', label: { zh: '类型' } },
  { id: 'license', type: 'text', label: { zh: '执照' }, visible_if: { '==': [{ var: 'client_type' }, 'institution'] } },
  { id: 'note', type: 'text', label: { zh: '备注' }, required_if: { starts_with: [{ var: 'license' }, '91'] }, pattern: '^[0-9]+$' },
];

describe('conditions in the preview', () => {
  it('shows, requires and checks by the current values', () => {
    let s = fieldStates(fields, { client_type: 'individual' });
    expect(s.get('license')!.visible).toBe(false);
    s = fieldStates(fields, { client_type: 'institution', license: '91330000' });
    expect(s.get('license')!.visible).toBe(true);
    expect(s.get('note')!.required).toBe(true);
    expect(checkValue(fields[2], '', s.get('note')!)).toEqual({ code: 'required' });
    expect(checkValue(fields[2], 'abc', s.get('note')!)).toMatchObject({ code: 'pattern' });
  });
  it('evaluates the Trellis operators', () => {
    expect(holds({ is_empty: [{ var: 'x' }] }, { x: [] })).toBe(true);
    expect(holds({ contains: [{ var: 'x' }, 'a'] }, { x: ['a'] })).toBe(true);
    expect(holds({ some: [{ var: 'tags' }, { in: [{ var: '' }, ['b']] }] }, { tags: ['a', 'b'] })).toBe(true);
  });
});
