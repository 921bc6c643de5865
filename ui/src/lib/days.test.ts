import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, dayKey, groupByDay, mondayOf } from './days';

describe('days', () => {
  it('starts weeks on Monday, counting in calendar dates', () => {
    expect(mondayOf('2026-11-25'), 'a Wednesday').toBe('2026-11-23');
    expect(mondayOf('2026-11-29'), 'a Sunday belongs to the week before').toBe('2026-11-23');
    expect(mondayOf('2026-11-23'), 'a Monday is its own').toBe('2026-11-23');
    expect(addDays('2026-12-28', 14), 'across the year').toBe('2027-01-11');
    expect(addDays('2026-03-01', -1), 'back across a month').toBe('2026-02-28');
  });

  it('puts an evening session on its local day, not the UTC one', () => {
    expect(dayKey('2026-11-26T03:30:00Z', 'America/Phoenix')).toBe('Wednesday, 11/25/2026');
  });

  it('groups by day in order', () => {
    expect(groupByDay([1, 2, 12, 3], (n) => (n > 10 ? 'b' : 'a'))).toEqual([
      ['a', [1, 2, 3]],
      ['b', [12]],
    ]);
  });
});

describe('a calendar date in a zone', () => {
  it('is the day where the practice is, written YYYY-MM-DD', () => {
    const late = new Date('2026-11-26T02:30:00Z'); // 19:30 on the 25th in Phoenix
    expect(dateInZone(late, 'America/Phoenix')).toBe('2026-11-25');
    expect(dateInZone(late, 'Europe/Berlin')).toBe('2026-11-26');
    expect(dateInZone(new Date('2026-01-05T12:00:00Z'), 'UTC')).toBe('2026-01-05');
  });
});
