import { describe, expect, it } from 'vitest';
import { CoreConfig } from '@react-awesome-query-builder/antd';
import type { Fields } from '@react-awesome-query-builder/antd';
import type { FieldDef } from '../api/types';
import type { Lang } from '../i18n';
import { buildConditionConfig } from './config';
import type { ConditionTexts } from './config';
import { conditionFields as fieldsFor } from './fields';
import { logicFromTree, simplify, treeFromLogic } from './logic';

/** The designer's field conditions: every live field with operators, no lookups. */
const conditionFields = (all: FieldDef[], lang: Lang, self?: string) => fieldsFor(all, lang, 'condition', {}, self);
const buildConfig = (base: typeof CoreConfig, fields: Fields, lang: Lang = 'zh', texts?: ConditionTexts) =>
  buildConditionConfig(base, fields, lang, 'condition', texts);

const fields: FieldDef[] = [
  { id: 'name', type: 'text', label: { zh: '姓名', en: 'Name' } },
  { id: 'equity', type: 'money', label: { zh: '权益', en: 'Equity' } },
  { id: 'opened_at', type: 'date', label: { zh: '开户日期' } },
  { id: 'vip', type: 'boolean', label: { zh: '贵宾' } },
  {
    id: 'client_type', type: 'single_select', label: { zh: '客户类型' },
    options: [{ value: 'individual' }, { value: 'institution' }],
  },
  { id: 'tags', type: 'multi_select', label: { zh: '标签' }, options: [{ value: 'a' }, { value: 'b' }] },
  { id: 'manager', type: 'user', label: { zh: '客户经理' } },
];
const config = buildConfig(CoreConfig, conditionFields(fields, 'zh'));

const roundTrip = (logic: unknown) => {
  const { tree, errors } = treeFromLogic(logic as never, config);
  expect(errors).toEqual([]);
  return logicFromTree(tree, config);
};

describe('JsonLogic round trip through the condition builder', () => {
  const cases: [string, unknown][] = [
    ['select equals', { '==': [{ var: 'client_type' }, 'institution'] }],
    ['number compare', { '>': [{ var: 'equity' }, 1000000] }],
    ['number between', { '<=': [100, { var: 'equity' }, 200] }],
    ['date as ISO text', { '>=': [{ var: 'opened_at' }, '2024-01-01'] }],
    ['text contains', { in: ['张', { var: 'name' }] }],
    ['text starts with', { starts_with: [{ var: 'name' }, '王'] }],
    ['boolean', { '==': [{ var: 'vip' }, true] }],
    ['select any of', { in: [{ var: 'client_type' }, ['individual', 'institution']] }],
    ['multi has an option', { contains: [{ var: 'tags' }, 'a'] }],
    ['empty', { is_empty: { var: 'manager' } }],
    [
      'and of two',
      { and: [{ '==': [{ var: 'client_type' }, 'institution'] }, { '>': [{ var: 'equity' }, 5] }] },
    ],
    [
      'or with not',
      { or: [{ '!': { in: ['x', { var: 'name' }] } }, { not_empty: { var: 'manager' } }] },
    ],
  ];
  for (const [name, logic] of cases) {
    it(name, () => expect(roundTrip(logic)).toEqual(logic));
  }

  it('no condition is null', () => {
    expect(roundTrip(null)).toBeNull();
  });

  it('leaves out the field itself and deleted fields', () => {
    const got = conditionFields([...fields, { id: 'old', type: 'text', label: { zh: '旧' }, deleted: true }], 'en', 'name');
    expect(Object.keys(got)).not.toContain('name');
    expect(Object.keys(got)).not.toContain('old');
    expect(got.equity).toMatchObject({ type: 'number', label: 'Equity' });
  });

  it('speaks the chosen language, with the designer\'s own operator names', () => {
    expect(config.widgets.text.valuePlaceholder).toBe('请输入文本');
    expect(config.settings.valueSourcesInfo).toEqual({ value: { label: '值' } });
    const en = buildConfig(CoreConfig, conditionFields(fields, 'en'), 'en', { operators: { select_any_in: 'is one of' } });
    expect(en.widgets.date.valuePlaceholder).toBe('Choose a date');
    expect(en.operators.select_any_in.label).toBe('is one of');
    expect(en.settings.showNot).toBe(true);
  });

  it('simplify unwraps single-member groups', () => {
    expect(simplify({ and: [{ or: [{ '==': [{ var: 'a' }, 1] }] }] })).toEqual({ '==': [{ var: 'a' }, 1] });
  });
});
