// Days and weeks for the Sessions list.
import { formatDate, weekday } from './dates';

/** The calendar date `days` after `date` (YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD) of the week holding `date`: weeks start on Monday. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const back = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -back);
}

/** The day an instant falls on in a zone ('' for this computer's), as a heading. */
export function dayKey(iso: string, zone: string): string {
  return `${weekday(iso, zone, true)}, ${formatDate(dateInZone(new Date(iso), zone))}`;
}

/** Items grouped by a key, in their order, keeping the order of first appearance. */
export function groupByDay<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups: [string, T[]][] = [];
  for (const item of items) {
    const k = key(item);
    const last = groups.find(([g]) => g === k);
    if (last) last[1].push(item);
    else groups.push([k, [item]]);
  }
  return groups;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone ('' for this computer's). Built from
 *  the parts, since the order a locale writes them in differs between engines. */
export function dateInZone(instant: Date, zone: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (zone) options.timeZone = zone;
  const parts = new Intl.DateTimeFormat('en-US', options).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The wall-clock time (HH:MM, 24-hour) of an instant in a zone ('' for this computer's). */
export function timeInZone(instant: Date, zone: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (zone) options.timeZone = zone;
  const parts = new Intl.DateTimeFormat('en-US', options).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}`;
}
