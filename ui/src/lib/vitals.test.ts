import { describe, expect, it } from 'vitest';
import { sparkline } from './vitals';

describe('vitals', () => {
  it('scales the lowest reading to the bottom and the highest to the top', () => {
    expect(sparkline([120, 160, 140], 104, 34, 2)).toBe('2.0,32.0 52.0,2.0 102.0,17.0');
  });
  it('draws a flat series in the middle of nothing, and nothing for no readings', () => {
    expect(sparkline([130, 130], 10, 10, 0)).toBe('0.0,10.0 10.0,10.0');
    expect(sparkline([], 10, 10)).toBe('');
  });
});
