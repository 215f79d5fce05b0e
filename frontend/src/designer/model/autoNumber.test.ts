import { describe, expect, it } from 'vitest';
import { patternOk, sampleNumber } from './autoNumber';

describe('auto-number patterns', () => {
  it('needs a sequence token', () => {
    expect(patternOk('KH{YYYY}{seq:7}')).toBe(true);
    expect(patternOk('KH{YYYY}')).toBe(false);
    expect(patternOk('{seq:0}')).toBe(false);
  });
  it('shows a sample number', () => {
    expect(sampleNumber('KH{YYYY}{seq:7}', new Date(2024, 2, 5), 12)).toBe('KH20240000012');
    expect(sampleNumber('{YY}{MM}{DD}-{seq}', new Date(2024, 2, 5))).toBe('240305-1');
  });
});
