import { describe, expect, it } from 'vitest';
import zh from '../locales/zh';
import en from '../locales/en';
import { describeImpact, newlyRequired } from './impact';
import type { Namer } from './impact';
import type { FormDefinition } from './types';

/** The designer's own texts with i18next's {{name}} interpolation, in one language. */
function namer(texts: typeof zh, def: FormDefinition): Namer {
  const t = (key: string, params: Record<string, unknown> = {}) => {
    const raw = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], texts) as string;
    return raw.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));
  };
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  return { t, label: (id) => byId.get(id)?.label?.zh ?? id, typeLabel: (k) => k };
}

const published: FormDefinition = {
  id: 'visit', label: { zh: '回访' },
  fields: [
    { id: 'shou_ji_hao', type: 'mobile', label: { zh: '手机号' } },
    { id: 'bei_zhu', type: 'textarea', label: { zh: '备注' } },
    { id: 'ri_qi', type: 'date', label: { zh: '日期' }, required: true },
    { id: 'jiu', type: 'text', label: { zh: '旧字段' }, deleted: true },
  ],
};
const draft: FormDefinition = {
  id: 'visit', label: { zh: '回访' },
  fields: [
    { id: 'shou_ji_hao', type: 'mobile', label: { zh: '手机号' }, required: true },
    { id: 'bei_zhu', type: 'textarea', label: { zh: '备注' }, deleted: true },
    { id: 'ri_qi', type: 'date', label: { zh: '回访日期' }, required: true },
    { id: 'jiu', type: 'text', label: { zh: '旧字段' } },
    { id: 'man_yi_du', type: 'single_select', label: { zh: '满意度' } },
    { id: 'ke_hu', type: 'text', label: { zh: '客户' } },
  ],
};

describe('the publish dialog in words', () => {
  const lines = (texts: typeof zh, input: Partial<Parameters<typeof describeImpact>[0]> = {}) =>
    describeImpact({ changes: [], draft, published, empties: { shou_ji_hao: 12 }, ...input }, namer(texts, draft)).map((l) => l.text);

  it('says what changes as a business user reads it, in Chinese', () => {
    const got = lines(zh, { changes: [{ op: 'add_column', field: 'man_yi_du' }, { op: 'add_column', field: 'ke_hu' }, { op: 'add_column', field: 'jiu' }] });
    expect(got).toContain('字段“手机号”改为必填:已有 12 条记录为空,发布后编辑这些记录时需要补填');
    expect(got).toContain('新增 2 个字段(“满意度”、“客户”),已有数据不受影响');
    expect(got).toContain('删除字段“备注”:已存的数据保留,可在“已删除的字段”中恢复');
    expect(got).toContain('恢复字段“旧字段”:之前保存的数据重新显示');
    expect(got).toContain('字段“日期”改名为“回访日期”,数据不变');
  });

  it('and in English', () => {
    const got = lines(en);
    expect(got).toContain('Field “手机号” becomes required: 12 existing record(s) have it empty and must fill it in when next edited');
    expect(got).toContain('2 new field(s) (“满意度”、“客户”); existing data is not affected');
  });

  it('puts what needs attention first, and a refused type change before all', () => {
    const got = describeImpact(
      { changes: [{ op: 'change_type', field: 'bei_zhu', from: 'text', to: 'integer', failing: 3, samples: ['abc', 3.5] }], draft, published, empties: { shou_ji_hao: 12 } },
      namer(zh, draft),
    );
    expect(got[0]).toMatchObject({ level: 'error' });
    expect(got[0].text).toContain('3 个值无法转换,例如 “abc”、3.5');
    expect(got[1].level).toBe('warning');
    expect(got.at(-1)!.level).toBe('info');
  });

  it('tells a required field with every record filled, and one whose count is unknown', () => {
    expect(lines(zh, { empties: { shou_ji_hao: 0 } })).toContain('字段“手机号”改为必填:已有记录都已填写');
    expect(lines(zh, { empties: {} })).toContain('字段“手机号”改为必填:已有记录中为空的,编辑时需要补填');
  });

  it('counts the fields of a first publish from the draft', () => {
    const got = describeImpact({ changes: [{ op: 'create_table', table: 'crm__visit' }], draft, published: null }, namer(zh, draft));
    expect(got.map((l) => l.text)).toEqual(['首次发布:创建表单,包含 5 个字段']);
  });

  it('tells where a new field beyond the grid\'s default columns is found', () => {
    const got = lines(zh, { gridColumns: ['shou_ji_hao', 'ri_qi', 'jiu', 'man_yi_du'], gridLimit: 4 });
    expect(got).toContain('“客户” 不在表格默认显示的前 4 列中:在表格上方的“列”里勾选即可显示');
    expect(lines(zh, { gridColumns: ['man_yi_du', 'ke_hu'] }).some((t) => t.includes('不在表格'))).toBe(false);
  });

  it('finds the fields newly made required', () => {
    expect(newlyRequired(draft, published)).toEqual(['shou_ji_hao']);
    expect(newlyRequired(draft, null)).toEqual([]);
  });
});
