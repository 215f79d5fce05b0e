import { describe, expect, it } from 'vitest';
import { bytes, duration } from './format';
import { keyOfUse } from './locales';

describe('index advice formatting', () => {
  it('shows sizes and durations briefly', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(9_728)).toBe('9.5 KB');
    expect(bytes(6_340_000)).toBe('6.0 MB');
    expect(duration(0.4)).toBe('< 1 ms');
    expect(duration(352.4)).toBe('352 ms');
    expect(duration(2_040)).toBe('2.0 s');
  });

  it('names each use the server reports', () => {
    expect(keyOfUse('sort:desc')).toBe('uses.sort_desc');
    expect(keyOfUse('sort')).toBe('uses.sort');
    expect(keyOfUse('filter:>=')).toBe('uses.ge');
    expect(keyOfUse('filter:in')).toBe('uses.in');
    expect(keyOfUse('filter:some_new_op')).toBe('uses.other');
    expect(keyOfUse('date_range')).toBe('uses.date_range');
  });
});
