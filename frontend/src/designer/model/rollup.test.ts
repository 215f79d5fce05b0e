import { describe, expect, it } from 'vitest';
import { aggregatable } from './rollup';

describe('rollup aggregates', () => {
  it('offer a field for an aggregate its traits allow', () => {
    expect(aggregatable({ id: 'amount', type: 'money' }, 'sum')).toBe(true);
    expect(aggregatable({ id: 'note', type: 'text' }, 'sum')).toBe(false);
    expect(aggregatable({ id: 'note', type: 'text' }, 'count_distinct')).toBe(true);
    expect(aggregatable({ id: 'day', type: 'date' }, 'max')).toBe(true);
    expect(aggregatable({ id: 'day', type: 'date' }, 'latest')).toBe(true);
    expect(aggregatable({ id: 'rows', type: 'sub_table' }, 'latest')).toBe(false);
  });
});
