import { describe, expect, it } from 'vitest';
import { newlyDue, reminderText, sparkline } from './vitals';

describe('vitals', () => {
  it('scales the lowest reading to the bottom and the highest to the top', () => {
    expect(sparkline([120, 160, 140], 104, 34, 2)).toBe('2.0,32.0 52.0,2.0 102.0,17.0');
  });
  it('draws a flat series in the middle of nothing, and nothing for no readings', () => {
    expect(sparkline([130, 130], 10, 10, 0)).toBe('0.0,10.0 10.0,10.0');
    expect(sparkline([], 10, 10)).toBe('');
  });

  it('announces each due reading once', () => {
    const due = [
      { person_id: 'a', due_at: '2026-11-25T17:15:00Z' },
      { person_id: 'b', due_at: '2026-11-25T17:30:00Z' },
    ];
    const at = (t: string) => new Date(t).getTime();
    expect(newlyDue(due, at('2026-11-25T17:14:59Z'), new Set())).toEqual([]);
    expect(newlyDue(due, at('2026-11-25T17:15:00Z'), new Set())).toEqual(['a@2026-11-25T17:15:00Z']);
    expect(newlyDue(due, at('2026-11-25T17:40:00Z'), new Set(['a@2026-11-25T17:15:00Z']))).toEqual(['b@2026-11-25T17:30:00Z']);
  });

  it('names no client in a notification', () => {
    expect(reminderText(1).body).toBe('A reading is due for one partner in the session.');
    expect(reminderText(3).body).toBe('Readings are due for 3 partners in the session.');
  });
});
