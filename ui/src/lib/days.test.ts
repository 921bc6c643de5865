import { describe, expect, it } from 'vitest';
import { dateInZone, dayKey, groupByDay, weekStart } from './days';

describe('days', () => {
  it('starts weeks on Monday', () => {
    const wednesday = new Date(2026, 10, 25, 15, 30);
    const monday = weekStart(wednesday);
    expect([monday.getFullYear(), monday.getMonth(), monday.getDate(), monday.getHours()]).toEqual([2026, 10, 23, 0]);
    const sunday = new Date(2026, 10, 29, 23, 0);
    expect(weekStart(sunday).getDate()).toBe(23);
  });

  it('puts an evening session on its local day, not the UTC one', () => {
    expect(dayKey('2026-11-26T03:30:00Z', 'America/Phoenix')).toBe('Wednesday, 25 November 2026');
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
