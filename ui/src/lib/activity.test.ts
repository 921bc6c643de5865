import { describe, expect, it } from 'vitest';
import { activityReporter, watchActivity } from './activity';

describe('activityReporter', () => {
  it('sends at once, then at most once per interval', () => {
    let t = 1_000;
    let sent = 0;
    const r = activityReporter(() => sent++, 30_000, () => t);
    r.seen();
    expect(sent).toBe(1);
    t += 29_999;
    r.seen();
    r.seen();
    expect(sent).toBe(1);
    t += 1;
    r.seen();
    expect(sent).toBe(2);
  });
});

describe('watchActivity', () => {
  it('reports input events until unwired', () => {
    const target = new EventTarget();
    let seen = 0;
    const stop = watchActivity(target, { seen: () => seen++ });
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('pointerdown'));
    target.dispatchEvent(new Event('focus'));
    expect(seen).toBe(2);
    stop();
    target.dispatchEvent(new Event('keydown'));
    expect(seen).toBe(2);
  });
});
