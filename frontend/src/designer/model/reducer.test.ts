import { describe, expect, it } from 'vitest';
import { designerReducer, initialState } from './reducer';
import type { DesignerAction, DesignerState } from './reducer';
import { normalizeLayout, tabGroups } from './layout';
import { fieldIdProblem, freshId } from './ids';
import { ruleVars } from './logicVars';
import type { FieldTypeInfo, FormDefinition } from './types';
import { UNKNOWN_TRAITS } from '../../api/fieldTypes';

const text: FieldTypeInfo = { ...UNKNOWN_TRAITS, key: 'text', widget: 'text', label: { zh: '单行文本', en: 'Text' }, config_schema: { type: 'object', properties: { max_length: { type: 'integer' } } } };
const select: FieldTypeInfo = {
  ...UNKNOWN_TRAITS,
  key: 'single_select', widget: 'single_select', label: { zh: '单选', en: 'Single select' },
  config_schema: { type: 'object', required: ['options'], properties: { options: { type: 'array' } } },
};
const money: FieldTypeInfo = {
  ...UNKNOWN_TRAITS,
  key: 'money', widget: 'money', label: { zh: '金额', en: 'Money' },
  config_schema: { type: 'object', properties: { precision: { type: 'integer', default: 2 }, currency: { type: 'string' } } },
};

const base: FormDefinition = {
  schema_version: 1,
  id: 'client',
  label: { zh: '客户', en: 'Client' },
  title_field: 'name',
  fields: [
    { id: 'name', type: 'text', label: { zh: '姓名' }, max_length: 100 },
    { id: 'mobile', type: 'mobile', label: { zh: '手机号' } },
    { id: 'equity', type: 'money', label: { zh: '权益' } },
  ],
  layout: [
    { section: { zh: '基本' }, columns: 2, fields: ['name', 'mobile'] },
    { section: { zh: '交易' }, columns: 1, fields: ['equity'] },
  ],
};

const run = (state: DesignerState, ...actions: DesignerAction[]) => actions.reduce(designerReducer, state);
const fresh = () => initialState(base, ['name', 'mobile', 'equity']);

describe('definition editing', () => {
  it('adds a field at a place in a section and selects it', () => {
    const s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 1 });
    expect(s.def.fields.map((f) => f.id)).toEqual(['name', 'mobile', 'equity', 'dan_hang_wen_ben']);
    expect(s.def.layout![0].fields).toEqual(['name', 'dan_hang_wen_ben', 'mobile']);
    expect(s.selected).toBe('dan_hang_wen_ben');
    expect(s.def.fields[3].label).toEqual({ zh: '单行文本' });
    expect(s.dirty).toBe(true);
  });

  it('gives select fields options and fresh ids', () => {
    const s = run(fresh(), { type: 'addField', fieldType: select, section: 1, index: 9 }, { type: 'addField', fieldType: select, section: 1, index: 0 });
    expect(s.def.layout![1].fields).toEqual(['dan_xuan_2', 'equity', 'dan_xuan']);
    expect(s.def.fields[3].options!.length).toBeGreaterThan(0);
  });

  it('moves a field within a section and across sections', () => {
    let s = run(fresh(), { type: 'moveField', id: 'name', section: 0, index: 1 });
    expect(s.def.layout![0].fields).toEqual(['mobile', 'name']);
    s = run(s, { type: 'moveField', id: 'mobile', section: 1, index: 1 });
    expect(s.def.layout!.map((x) => x.fields)).toEqual([['name'], ['equity', 'mobile']]);
    expect(s.def.fields.map((f) => f.id)).toEqual(['name', 'mobile', 'equity']);
  });

  it('marks a published field deleted, drops a new one', () => {
    let s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 0 }, { type: 'removeField', id: 'dan_hang_wen_ben' });
    expect(s.def.fields.map((f) => f.id)).toEqual(['name', 'mobile', 'equity']);
    s = run(s, { type: 'select', id: 'name' }, { type: 'removeField', id: 'name' });
    expect(s.def.fields[0]).toMatchObject({ id: 'name', deleted: true });
    expect(s.def.layout![0].fields).toEqual(['mobile']);
    expect(s.def.title_field).toBeUndefined();
    expect(s.selected).toBeNull();
    s = run(s, { type: 'restoreField', id: 'name' });
    expect(s.def.fields[0].deleted).toBeUndefined();
    expect(s.def.layout![1].fields).toEqual(['equity', 'name']);
  });

  it('renames only unpublished fields, and follows the rename in conditions and layout', () => {
    let s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 0 });
    s = run(s, { type: 'updateField', id: 'equity', patch: { visible_if: { '==': [{ var: 'dan_hang_wen_ben' }, 'x'] } } });
    s = run(s, { type: 'renameField', id: 'dan_hang_wen_ben', to: 'nickname' });
    expect(s.def.layout![0].fields[0]).toBe('nickname');
    expect(s.def.fields[2].visible_if).toEqual({ '==': [{ var: 'nickname' }, 'x'] });
    expect(s.selected).toBe('nickname');
    const same = run(s, { type: 'renameField', id: 'name', to: 'full_name' });
    expect(same.def).toBe(s.def);
  });

  it('updates keys and removes keys patched to undefined', () => {
    const s = run(fresh(), { type: 'updateField', id: 'name', patch: { required: true, max_length: undefined } });
    expect(s.def.fields[0]).toEqual({ id: 'name', type: 'text', label: { zh: '姓名' }, required: true });
  });

  it('changes a type keeping shared keys only', () => {
    const s = run(fresh(), { type: 'updateField', id: 'name', patch: { default: 'x' } }, { type: 'changeType', id: 'name', fieldType: money });
    expect(s.def.fields[0]).toEqual({ id: 'name', type: 'money', label: { zh: '姓名' } });
  });

  it('edits sections: add, columns, tab, move, remove', () => {
    let s = run(fresh(), { type: 'addSection', tab: { zh: '更多' } });
    expect(s.def.layout!.length).toBe(3);
    s = run(s, { type: 'updateSection', index: 0, patch: { columns: 9 } }, { type: 'updateSection', index: 1, patch: { tab: { zh: '交易', en: 'Trading' } } });
    expect(s.def.layout![0].columns).toBe(4);
    expect(tabGroups(s.def.layout!).map((g) => g.key)).toEqual(['', '交易', '更多']);
    s = run(s, { type: 'moveSection', index: 2, to: 0 });
    expect(s.def.layout![0].tab).toEqual({ zh: '更多' });
    s = run(s, { type: 'removeSection', index: 1 });
    expect(s.def.layout!.map((x) => x.fields)).toEqual([['name', 'mobile'], ['equity']]);
    s = run(s, { type: 'setTab', sections: [0, 1, 2], tab: { zh: '全部' } });
    expect(tabGroups(s.def.layout!).map((g) => g.key)).toEqual(['全部']);
    s = run(s, { type: 'removeSection', index: 0 }, { type: 'removeSection', index: 0 });
    expect(s.def.layout!.map((x) => x.fields)).toEqual([['name', 'mobile', 'equity']]);
  });

  it('undoes and redoes edits', () => {
    let s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 0 }, { type: 'moveField', id: 'equity', section: 0, index: 0 });
    s = run(s, { type: 'undo' });
    expect(s.def.layout![0].fields).toEqual(['dan_hang_wen_ben', 'name', 'mobile']);
    s = run(s, { type: 'undo' });
    expect(s.def).toEqual(fresh().def);
    expect(s.selected).toBeNull();
    s = run(s, { type: 'redo' }, { type: 'redo' });
    expect(s.def.layout![0].fields[0]).toBe('equity');
  });
});

describe('layout normalization', () => {
  it('builds one section when there is none', () => {
    const layout = normalizeLayout({ ...base, layout: undefined });
    expect(layout).toHaveLength(1);
    expect(layout[0].fields).toEqual(['name', 'mobile', 'equity']);
  });

  it('drops unknown, deleted and repeated ids and places missing fields last', () => {
    const layout = normalizeLayout({
      ...base,
      fields: [...base.fields, { id: 'gone', type: 'text', label: { zh: 'x' }, deleted: true }],
      layout: [{ fields: ['name', 'ghost', 'name', 'gone'], columns: 7 }],
    });
    expect(layout).toEqual([{ fields: ['name', 'mobile', 'equity'], columns: 4 }]);
  });
});

describe('ids', () => {
  it('checks field ids', () => {
    expect(fieldIdProblem('created_at', [])).toBe('system');
    expect(fieldIdProblem('Name', [])).toBe('pattern');
    expect(fieldIdProblem('name', ['name'])).toBe('duplicate');
    expect(fieldIdProblem('', [])).toBe('empty');
    expect(fieldIdProblem('a_1', ['name'])).toBeNull();
    expect(freshId('text', ['text_1', 'text_2'])).toBe('text_3');
  });

  it('finds the fields a rule reads', () => {
    expect(ruleVars({ and: [{ '==': [{ var: 'a.b' }, 1] }, { some: [{ var: 'tags' }, { in: [{ var: '' }, ['x']] }] }] })).toEqual(['a', 'tags']);
  });
});

describe('undo steps', () => {
  it('merges consecutive edits of the same key of a field', () => {
    let s = run(fresh(), { type: 'updateField', id: 'name', patch: { label: { zh: '姓' } } });
    s = run(s, { type: 'updateField', id: 'name', patch: { label: { zh: '姓名称' } } });
    s = run(s, { type: 'updateField', id: 'name', patch: { required: true } });
    expect(s.past).toHaveLength(2);
    s = run(s, { type: 'undo' }, { type: 'undo' });
    expect(s.def.fields[0].label).toEqual({ zh: '姓名' });
  });
});

describe('saving', () => {
  it('is clean after a save unless edited meanwhile', () => {
    const s = run(fresh(), { type: 'updateField', id: 'name', patch: { required: true } });
    expect(run(s, { type: 'saved', def: s.def }).dirty).toBe(false);
    const later = run(s, { type: 'updateField', id: 'name', patch: { unique: true } });
    expect(run(later, { type: 'saved', def: s.def }).dirty).toBe(true);
  });
});

describe('ids follow Chinese labels', () => {
  it('names a new field by its type in Chinese, numbered, without an English label', () => {
    const s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 9 }, { type: 'addField', fieldType: text, section: 0, index: 9 });
    expect(s.def.fields.slice(3).map((f) => [f.id, f.label])).toEqual([
      ['dan_hang_wen_ben', { zh: '单行文本' }],
      ['dan_hang_wen_ben_2', { zh: '单行文本 2' }],
    ]);
  });

  it('regenerates the id while the label changes, until the field is published', () => {
    let s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 9 });
    s = run(s, { type: 'updateField', id: 'dan_hang_wen_ben', patch: { label: { zh: '回' } } });
    s = run(s, { type: 'updateField', id: 'hui', patch: { label: { zh: '回访人' } } });
    expect(s.selected).toBe('hui_fang_ren');
    expect(s.def.layout![0].fields).toContain('hui_fang_ren');
    // one undo step for the typing
    expect(run(s, { type: 'undo' }).def.fields.map((f) => f.id)).not.toContain('hui');
    // a published field keeps its id
    const pub = initialState(s.def, [...fresh().published, 'hui_fang_ren']);
    const after = run(pub, { type: 'updateField', id: 'hui_fang_ren', patch: { label: { zh: '联系人' } } });
    expect(after.def.fields.map((f) => f.id)).toContain('hui_fang_ren');
  });

  it('keeps an id typed by hand', () => {
    let s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 9 });
    s = run(s, { type: 'renameField', id: 'dan_hang_wen_ben', to: 'visitor' });
    s = run(s, { type: 'updateField', id: 'visitor', patch: { label: { zh: '回访人' } } });
    expect(s.def.fields.map((f) => f.id)).toContain('visitor');
  });

  it('never takes another field\'s id or a system name', () => {
    let s = run(fresh(), { type: 'addField', fieldType: text, section: 0, index: 9 });
    s = run(s, { type: 'updateField', id: 'dan_hang_wen_ben', patch: { label: { zh: 'Name' } } });
    expect(s.selected).toBe('name_2');
    s = run(s, { type: 'updateField', id: 'name_2', patch: { label: { zh: 'ID' } } });
    expect(s.selected).toBe('id_2');
  });
});
