import { describe, expect, it } from 'vitest';
import { describeLogic } from './logicText';
import type { LogicWords } from './logicText';

const words: LogicWords = {
  ops: {
    equal: '等于', not_equal: '不等于', greater: '大于', between: '介于', select_any_in: '属于', like: '包含',
    is_empty: '为空', is_not_empty: '不为空', is_null: '为空', is_not_null: '不为空', multiselect_contains: '包含任一',
    less: '小于', less_or_equal: '小于等于', greater_or_equal: '大于等于', starts_with: '开头是', ends_with: '结尾是',
  },
  and: '并且', or: '或者', not: '非',
  field: (id) => ({ client_type: '客户类型', equity: '权益' } as Record<string, string>)[id] ?? id,
  value: (id, v) => (id === 'client_type' && v === 'institution' ? '机构' : String(v)),
};

describe('conditions in words', () => {
  it('names fields and option labels', () => {
    expect(describeLogic({ and: [{ '==': [{ var: 'client_type' }, 'institution'] }, { '>': [{ var: 'equity' }, 100] }] }, words))
      .toBe('客户类型 等于 机构 并且 权益 大于 100');
  });
  it('says "is" for choices', () => {
    const w = { ...words, ops: { ...words.ops, select_equals: '是' }, choice: (id: string) => id === 'client_type' };
    expect(describeLogic({ '==': [{ var: 'client_type' }, 'institution'] }, w)).toBe('客户类型 是 机构');
  });
  it('handles between, lists, emptiness and nesting', () => {
    expect(describeLogic({ '<=': [1, { var: 'equity' }, 9] }, words)).toBe('权益 介于 1 ~ 9');
    expect(describeLogic({ in: [{ var: 'client_type' }, ['institution', 'x']] }, words)).toBe('客户类型 属于 机构、x');
    expect(describeLogic({ '==': [{ var: 'equity' }, null] }, words)).toBe('权益 为空');
    expect(describeLogic({ or: [{ '!!': { var: 'a' } }, { and: [{ '!': { var: 'b' } }, { '!': { var: 'c' } }] }] }, words))
      .toBe('a 不为空 或者 (b 为空 并且 c 为空)');
    expect(describeLogic(null, words)).toBeNull();
  });
});
