import { describe, expect, it } from 'vitest';
import { clientClocks, defaultDosers, differentClock, fieldKey, hms, inZone, instantOf, liveClock, modesFor, timerKey, zoneOfState } from './sessions';
import type { ClockState } from './bindings';

const running: ClockState = {
  phase: 'running',
  started_at: '2026-11-25T17:00:00Z',
  ended_at: null,
  paused_since: null,
  elapsed_seconds: 600,
  paused_seconds: 60,
  therapy_seconds: 540,
};

describe('sessions', () => {
  it('runs the clock on between replies, but not psychotherapy time in a pause', () => {
    expect(liveClock(running, 1_000, 31_000)).toEqual({ elapsed: 630, therapy: 570 });
    expect(liveClock({ ...running, phase: 'paused' }, 1_000, 31_000)).toEqual({ elapsed: 630, therapy: 540 });
    expect(liveClock({ ...running, phase: 'ended' }, 1_000, 31_000)).toEqual({ elapsed: 600, therapy: 540 });
    expect(liveClock(running, 5_000, 1_000), 'a clock behind the reply never runs backwards').toEqual({ elapsed: 600, therapy: 540 });
  });

  it('shows hours, minutes and seconds', () => {
    expect(hms(0)).toBe('0:00:00');
    expect(hms(3 * 3600 + 5 * 60 + 9)).toBe('3:05:09');
  });

  it('shows times in the practice zone and a client zone', () => {
    // Arizona keeps no daylight saving time; Chicago does.
    expect(inZone('2026-07-01T17:00:00Z', 'America/Phoenix', false)).toBe('10:00');
    expect(inZone('2026-07-01T17:00:00Z', 'America/Chicago', false)).toBe('12:00');
    expect(inZone('2026-11-25T17:00:00Z', 'America/Phoenix')).toBe('Wed 11/25/2026, 10:00');
    expect(zoneOfState('wi')).toBe('America/Chicago');
    expect(zoneOfState('')).toBe('');
    expect(differentClock('2026-11-25T17:00:00Z', 'America/Phoenix', 'America/Chicago')).toBe(true);
    expect(differentClock('2026-11-25T17:00:00Z', 'America/Phoenix', 'America/Phoenix')).toBe(false);
  });

  it("names each client's own clock once, only where it differs from the practice's", () => {
    // In July Phoenix (no daylight saving) and Los Angeles agree; Chicago is two hours ahead.
    expect(clientClocks('2026-07-01T17:00:00Z', ['AZ', 'CA', 'WI', 'IL', ''], 'America/Phoenix')).toEqual(['12:00 Chicago']);
    // In November Los Angeles falls an hour behind Phoenix.
    expect(clientClocks('2026-11-25T17:00:00Z', ['CA'], 'America/Phoenix')).toEqual(['09:00 Los Angeles']);
    expect(clientClocks('2026-11-25T17:00:00Z', ['AZ'], 'America/Phoenix')).toEqual([]);
  });

  it('suggests who doses from the mode', () => {
    expect(modesFor('dosing')).toContain('dyadic_psycholytic');
    expect(modesFor('integration')).toEqual([]);
    expect(defaultDosers('solo', ['a', 'b', 'c'])).toEqual(['a']);
    expect(defaultDosers('dyadic_psycholytic', ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(defaultDosers(null, ['a'])).toEqual([]);
  });

  it('maps the timer keyboard', () => {
    expect(timerKey(' ', false, 'not_started', 0, 3)).toEqual({ kind: 'clock', event: 'start' });
    expect(timerKey(' ', false, 'running', 0, 3)).toEqual({ kind: 'clock', event: 'pause' });
    expect(timerKey(' ', false, 'paused', 0, 3)).toEqual({ kind: 'clock', event: 'resume' });
    expect(timerKey(' ', false, 'ended', 0, 3)).toBeNull();
    expect(timerKey('E', true, 'running', 0, 3)).toEqual({ kind: 'clock', event: 'end' });
    expect(timerKey('e', false, 'running', 0, 3), 'a plain e never ends a session').toBeNull();
    expect(timerKey('2', false, 'running', 0, 3)).toEqual({ kind: 'select', partner: 1 });
    expect(timerKey('4', false, 'running', 0, 3)).toBeNull();
    expect(timerKey('o', false, 'running', 2, 3)).toEqual({ kind: 'mark', event: 'onset', partner: 2 });
    expect(timerKey('o', false, 'not_started', 0, 3)).toBeNull();
  });

  it('keys per-partner fields by person', () => {
    expect(fieldKey('journey', true, 'p1')).toBe('journey@p1');
    expect(fieldKey('plan', false, 'p1')).toBe('plan');
  });

  it('reads date and time inputs as an instant, or nothing', () => {
    expect(instantOf('2026-11-25', '10:00')).toMatch(/^2026-11-2\dT\d{2}:00:00Z$/);
    // Typed in the practice's zone, whatever this computer's zone is.
    expect(instantOf('2026-03-02', '10:00', 'America/Phoenix')).toBe('2026-03-02T17:00:00Z');
    expect(instantOf('2026-07-01', '10:00', 'America/New_York')).toBe('2026-07-01T14:00:00Z');
    expect(instantOf('2026-01-15', '10:00', 'America/New_York')).toBe('2026-01-15T15:00:00Z');
    expect(instantOf('2026-12-31', '23:30', 'Pacific/Auckland')).toBe('2026-12-31T10:30:00Z');
    // An impossible date is no instant.
    expect(instantOf('2026-02-30', '10:00', 'America/Phoenix')).toBeNull();
    expect(instantOf('2026-11-25', '')).toBeNull();
    expect(instantOf('', '10:00')).toBeNull();
  });
});
