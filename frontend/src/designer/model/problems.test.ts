import { describe, expect, it } from 'vitest';
import { locateProblems } from './problems';

describe('server problems', () => {
  it('places pointers by index, by id and on sections', () => {
    const got = locateProblems(
      [
        { pointer: '/fields/1/options', message: { zh: '/fields/1/options:至少一个选项', en: '/fields/1/options: at least one' } },
        { pointer: '/fields/equity', field: 'equity', message: { zh: '不能改类型', en: 'cannot' } },
        { pointer: '/layout/2/fields/0', message: { zh: '未知字段', en: 'unknown' } },
        { pointer: '/title_field', message: '标题' },
      ],
      ['name', 'status', 'equity'],
    );
    expect(got[0]).toMatchObject({ fieldId: 'status', key: 'options', message: { zh: '至少一个选项', en: 'at least one' } });
    expect(got[1]).toMatchObject({ fieldId: 'equity' });
    expect(got[2]).toMatchObject({ section: 2 });
    expect(got[3].fieldId).toBeUndefined();
    expect(got[3].message.zh).toBe('标题');
  });
});
