// Logic of the session screens worth testing on its own: the live clock between replies, times
// in the practice's zone (and a client's), the timer's keyboard, and the note's keys.
import { formatDateTime, formatTime } from './dates';
import type { ClockEventKind, ClockState, DosingMode, SessionKind, SessionStatus, Setting } from './bindings';

export const KIND_LABEL: Record<SessionKind, string> = {
  joint_intake: 'Joint intake',
  individual_assessment: 'Individual assessment',
  feedback_and_goals: 'Feedback and goals',
  preparation: 'Preparation',
  dosing: 'Dosing',
  integration: 'Integration',
  augmented_therapy: 'Augmented therapy',
  couples_session: 'Couples session',
};

export const SETTING_LABEL: Record<Setting, string> = {
  office: 'In the office',
  telehealth_home: 'Telehealth, clients at home',
  telehealth_elsewhere: 'Telehealth, clients elsewhere',
  home_virtual_monitoring: 'At home, virtually monitored',
};

export const STATUS_LABEL: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const MODE_LABEL: Record<DosingMode, string> = {
  solo: 'Solo (one partner doses)',
  dyadic_psychedelic: 'Dyadic psychedelic (all dose, inward)',
  dyadic_psycholytic: 'Dyadic psycholytic (all dose, dialogue)',
  augmented: 'Augmented (micro dose)',
};

/** The marks of a dosing, in the order they come, with their keys. */
export const MARKS: { kind: ClockEventKind; label: string; key: string }[] = [
  { kind: 'dose_given', label: 'Dose given', key: 'd' },
  { kind: 'onset', label: 'Onset', key: 'o' },
  { kind: 'peak', label: 'Peak', key: 'k' },
  { kind: 'baseline', label: 'Baseline', key: 'b' },
  { kind: 'discharge', label: 'Discharge', key: 'x' },
];

/** Planned length that fits a kind, as DOMAIN.md describes the arc. */
export function plannedMinutes(kind: SessionKind): number {
  switch (kind) {
    case 'joint_intake':
      return 90;
    case 'dosing':
      return 180;
    case 'augmented_therapy':
      return 90;
    default:
      return 60;
  }
}

/** The modes a kind allows (none: no one doses). */
export function modesFor(kind: SessionKind): DosingMode[] {
  if (kind === 'dosing') return ['solo', 'dyadic_psychedelic', 'dyadic_psycholytic'];
  if (kind === 'augmented_therapy') return ['augmented'];
  return [];
}

/** Who doses by default in a mode: all attending in dyadic modes, the first in solo. */
export function defaultDosers(mode: DosingMode | null, attendees: string[]): string[] {
  if (mode === null) return [];
  if (mode === 'solo') return attendees.slice(0, 1);
  return [...attendees];
}

/** The clock between two replies from the core: running time grows with the browser's clock. */
export function liveClock(clock: ClockState, fetchedAt: number, now: number): { elapsed: number; therapy: number } {
  const since = Math.max(0, Math.floor((now - fetchedAt) / 1000));
  switch (clock.phase) {
    case 'running':
      return { elapsed: clock.elapsed_seconds + since, therapy: clock.therapy_seconds + since };
    case 'paused':
      return { elapsed: clock.elapsed_seconds + since, therapy: clock.therapy_seconds };
    default:
      return { elapsed: clock.elapsed_seconds, therapy: clock.therapy_seconds };
  }
}

/** Seconds as H:MM:SS (the big timer). */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** An instant shown in a zone ('' for this computer's), e.g. "Wed 25 Nov, 10:00". */
export function inZone(iso: string, zone: string, withDay = true): string {
  return withDay ? formatDateTime(iso, zone) : formatTime(iso, zone);
}

/** The usual zone of a US state (the one most of its people live in). */
const STATE_ZONE: Record<string, string> = {
  AZ: 'America/Phoenix', CA: 'America/Los_Angeles', OR: 'America/Los_Angeles', WA: 'America/Los_Angeles', NV: 'America/Los_Angeles',
  CO: 'America/Denver', NM: 'America/Denver', UT: 'America/Denver', MT: 'America/Denver', WY: 'America/Denver', ID: 'America/Boise',
  TX: 'America/Chicago', IL: 'America/Chicago', WI: 'America/Chicago', MN: 'America/Chicago', IA: 'America/Chicago', MO: 'America/Chicago',
  KS: 'America/Chicago', NE: 'America/Chicago', OK: 'America/Chicago', AR: 'America/Chicago', LA: 'America/Chicago', MS: 'America/Chicago',
  AL: 'America/Chicago', TN: 'America/Chicago', ND: 'America/Chicago', SD: 'America/Chicago',
  NY: 'America/New_York', NJ: 'America/New_York', PA: 'America/New_York', MA: 'America/New_York', CT: 'America/New_York', RI: 'America/New_York',
  VT: 'America/New_York', NH: 'America/New_York', ME: 'America/New_York', MD: 'America/New_York', DE: 'America/New_York', DC: 'America/New_York',
  VA: 'America/New_York', WV: 'America/New_York', NC: 'America/New_York', SC: 'America/New_York', GA: 'America/New_York', FL: 'America/New_York',
  OH: 'America/New_York', MI: 'America/Detroit', IN: 'America/Indiana/Indianapolis', KY: 'America/New_York',
  AK: 'America/Anchorage', HI: 'Pacific/Honolulu', PR: 'America/Puerto_Rico',
};

export function zoneOfState(state: string): string {
  return STATE_ZONE[state.trim().toUpperCase()] ?? '';
}

/**
 * The clients' own clocks at an instant, where they differ from the practice's: "11:00 Chicago"
 * for each distinct zone of the states they live in.
 */
export function clientClocks(iso: string, states: string[], zone: string): string[] {
  const practice = zone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...new Set(states.map(zoneOfState).filter((z) => z && differentClock(iso, z, practice)))];
  return zones.map((z) => `${inZone(iso, z, false)} ${(z.split('/').pop() ?? z).replace(/_/g, ' ')}`);
}

/** Whether two zones show a different clock at this instant. */
export function differentClock(iso: string, a: string, b: string): boolean {
  return inZone(iso, a, false) !== inZone(iso, b, false);
}

export type TimerAction =
  | { kind: 'clock'; event: 'start' | 'pause' | 'resume' | 'end' }
  | { kind: 'mark'; event: ClockEventKind; partner: number }
  | { kind: 'select'; partner: number };

/**
 * The timer's keyboard, when the focus is not in a field: Space starts, pauses and resumes;
 * Shift+E ends; 1–9 choose a partner; D, O, K, B, X mark the chosen one (dose, onset, peak,
 * baseline, discharge).
 */
export function timerKey(
  key: string,
  shift: boolean,
  phase: ClockState['phase'],
  selected: number,
  partners: number,
): TimerAction | null {
  if (key === ' ') {
    if (phase === 'not_started') return { kind: 'clock', event: 'start' };
    if (phase === 'running') return { kind: 'clock', event: 'pause' };
    if (phase === 'paused') return { kind: 'clock', event: 'resume' };
    return null;
  }
  if (shift && key.toLowerCase() === 'e') return phase === 'running' || phase === 'paused' ? { kind: 'clock', event: 'end' } : null;
  if (/^[1-9]$/.test(key)) {
    const n = Number(key) - 1;
    return n < partners ? { kind: 'select', partner: n } : null;
  }
  const mark = MARKS.find((m) => m.key === key.toLowerCase());
  if (mark && !shift && phase !== 'not_started' && selected < partners) return { kind: 'mark', event: mark.kind, partner: selected };
  return null;
}

/** A note field's key: per-partner fields are stored as `field@person`. */
export function fieldKey(id: string, perPartner: boolean, person?: string): string {
  return perPartner && person ? `${id}@${person}` : id;
}

/** How far `zone`'s wall clock is ahead of UTC at `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A date and time typed as the practice's wall clock (in `zone`; '' for this computer's) as
 *  an instant, whatever zone this computer's clock is in. */
export function instantOf(date: string, time: string, zone = ''): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  // 2026-02-30 is not a day: Date.UTC would roll it into March.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  let ms: number;
  if (zone) {
    // The offset of the wall time, read twice so that a clock change between is accounted for.
    ms = wall - offsetAt(wall, zone);
    ms = wall - offsetAt(ms, zone);
  } else {
    ms = new Date(y, mo - 1, d, h, mi).getTime();
  }
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
