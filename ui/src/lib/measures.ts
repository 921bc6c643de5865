// Measures on screen: what the plots draw (band regions, lines on one time axis) and what the
// entry form tracks. Scoring is the core's alone: nothing here adds up answers.
import type { History, Scale, Series, Spec } from './bindings';

export interface Region {
  from: number;
  to: number;
  level: number;
  label: string;
}

/**
 * The shaded regions of a scale: each band from half a point below its lowest score to half a
 * point below the next band's (the first from the scale's minimum, the last to its maximum),
 * so every whole score sits inside its band and the CSI-16's edge falls at 51.5 as published.
 */
export function bandRegions(scale: Scale): Region[] {
  const bands = scale.bands;
  return bands.map((b, i) => ({
    from: i === 0 ? scale.min : b.from - 0.5,
    to: i === bands.length - 1 ? scale.max : bands[i + 1]!.from - 0.5,
    level: b.level,
    label: b.label,
  }));
}

/** A calendar date (YYYY-MM-DD) as seconds since 1970 at UTC midnight, the plots' x. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 1000;
}

export interface Dated {
  given_on: string;
  value: number;
}

/** One scale of a series, oldest first. */
export function scaleLine(series: Series, scale: string): Dated[] {
  return series.points.flatMap((p) => {
    const s = p.scores.find((x) => x.scale === scale);
    return s ? [{ given_on: p.given_on, value: s.value }] : [];
  });
}

export interface Aligned {
  xs: number[];
  lines: { label: string; values: (number | null)[] }[];
}

/** Lines on one time axis: the union of their dates, a gap where a line has no point. */
export function align(lines: { label: string; points: Dated[] }[]): Aligned {
  const xs = [...new Set(lines.flatMap((l) => l.points.map((p) => dayNumber(p.given_on))))].sort((a, b) => a - b);
  return {
    xs,
    lines: lines.map((l) => {
      const at = new Map(l.points.map((p) => [dayNumber(p.given_on), p.value]));
      return { label: l.label, values: xs.map((x) => at.get(x) ?? null) };
    }),
  };
}

/** Each partner's CSI-16 totals about one relationship, one line per partner. */
export function partnerLines(histories: History[], unitId: string, instrument: 'csi16' | 'ecr_rs', scale: string) {
  return histories.flatMap((h) => {
    const series = h.series.find((s) => s.instrument === instrument && s.unit_id === unitId);
    return series ? [{ label: h.name, points: scaleLine(series, scale) }] : [];
  });
}

/** A score as shown: whole numbers as they are, means to two decimals. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A fresh form: no item answered. */
export function emptyAnswers(spec: Spec): (number | null)[] {
  return spec.items.map(() => null);
}

/** The number of the first item without an answer, or null when every item has one. */
export function firstUnanswered(spec: Spec, answers: (number | null)[]): number | null {
  const i = spec.items.findIndex((_, n) => answers[n] === null || answers[n] === undefined);
  return i < 0 ? null : spec.items[i]!.number;
}

const DAY = 86400;

/**
 * The time axis of a plot, from its own data (scores and dosing days, in seconds at UTC
 * midnight): a little room either side, and never less than four weeks, so one reading sits in
 * the middle of a month instead of on an axis of years.
 */
export function timeRange(xs: number[], dosings: number[], now: number = Date.now() / 1000): [number, number] {
  const all = [...xs, ...dosings].filter((n) => Number.isFinite(n));
  const min = all.length ? Math.min(...all) : now;
  const max = all.length ? Math.max(...all) : now;
  const mid = (min + max) / 2;
  const half = Math.max(14 * DAY, ((max - min) / 2) * 1.08 + 3 * DAY);
  return [mid - half, mid + half];
}
