import { afterEach, describe, expect, it } from 'vitest';
import { firstOfMonth, setZone, today } from './clock';

describe("the practice's today", () => {
  afterEach(() => setZone(''));

  it('is the date in the practice zone, not the computer', () => {
    // 03:30 UTC on 1 December is still 30 November in Phoenix and already 1 December in Auckland.
    const instant = new Date('2026-12-01T03:30:00Z');
    setZone('America/Phoenix');
    expect(today(instant), 'Phoenix is seven hours behind UTC').toBe('2026-11-30');
    expect(firstOfMonth(instant), 'the month is the practice month').toBe('2026-11-01');
    setZone('Pacific/Auckland');
    expect(today(instant), 'Auckland is thirteen hours ahead in its summer').toBe('2026-12-01');
  });
});
