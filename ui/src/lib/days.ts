// Days and weeks for the Sessions list.

/** Monday 00:00 (this computer's clock) of the week holding `d`. */
export function weekStart(d: Date): Date {
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const back = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - back);
  return start;
}

/** The day an instant falls on in a zone ('' for this computer's), as a heading. */
export function dayKey(iso: string, zone: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  if (zone) options.timeZone = zone;
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
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
